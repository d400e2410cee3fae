package dev.yolojava.core.image.internal;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.FrameAllocator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Java's ImageIO, for where OpenCV is not available. Reads samples from the raster instead of
 * {@code getRGB} (which passes gray through a gamma curve: gray 37 became 106), scales 16-bit samples to
 * 8 bits, applies the EXIF orientation, and refuses truncated and CMYK/YCCK JPEGs (whose colours ImageIO gets wrong).
 */
final class ImageIoDecoder implements ImageDecoder {
    static final ImageIoDecoder INSTANCE = new ImageIoDecoder();

    private ImageIoDecoder() {
    }

    @Override
    public String name() {
        return "imageio";
    }

    @Override
    public RawImage decode(byte[] data, String name, FrameAllocator alloc) {
        JpegHeader jpeg = Decoding.checkJpeg(data, name);
        if (jpeg != null && jpeg.components() == 4) { // ImageIO reads some of them, with wrong colours
            throw new InvalidImageException("cannot decode image " + name + ": CMYK/YCCK JPEGs need the OpenCV decoder"
                    + " (add org.bytedeco:opencv; ImageIO would give wrong colours)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("cannot decode image " + name + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new InvalidImageException("not a readable image (JPEG, PNG, BMP or GIF expected): " + name);
        }
        int w = img.getWidth(), h = img.getHeight();
        byte[] bgr = BufferedImages.toBgr(img);
        int orientation = jpeg != null ? jpeg.orientation() : 1;
        if (orientation != 1) {
            byte[] upright = new byte[bgr.length];
            Orientation.apply(bgr, w, h, orientation, upright);
            bgr = upright;
            if (orientation >= 5) {
                int t = w;
                w = h;
                h = t;
            }
        }
        ByteBuffer out = alloc.allocate(bgr.length);
        out.put(0, bgr);
        return new RawImage(out.position(0).limit(bgr.length), w, h, 3 * w, PixelFormat.BGR);
    }
}
