package dev.yolojava.core.image.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/** Pixels of a {@link BufferedImage} as tightly packed 8-bit BGR. */
public final class BufferedImages {
    private BufferedImages() {
    }

    /**
     * Gray images are read from their samples ({@code getRGB} would pass them through a gamma curve:
     * gray 37 became 106), 16-bit samples keep their top 8 bits, and a {@code TYPE_3BYTE_BGR} image's
     * own array is returned as it is.
     *
     * @param img the image
     * @return {@code 3 * width * height} bytes, rows top to bottom, B, G, R per pixel
     */
    public static byte[] toBgr(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && img.getRaster().getParent() == null && db.getData().length == 3 * w * h) {
            return db.getData();
        }
        byte[] out = new byte[3 * w * h];
        Raster r = img.getRaster();
        if (r.getNumBands() == 1 && img.getColorModel() instanceof ComponentColorModel cm
                && cm.getColorSpace().getNumComponents() == 1) {
            int bits = cm.getComponentSize(0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0, o = 3 * w * y; x < w; x++, o += 3) {
                    int v = bits > 8 ? row[x] >>> (bits - 8) : row[x];
                    out[o] = out[o + 1] = out[o + 2] = (byte) v;
                }
            }
            return out;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0, o = 3 * w * y; x < w; x++, o += 3) {
                int p = argb[x];
                out[o] = (byte) p;
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) (p >> 16);
            }
        }
        return out;
    }
}
