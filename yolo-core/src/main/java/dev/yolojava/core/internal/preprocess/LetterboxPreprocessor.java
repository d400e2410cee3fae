package dev.yolojava.core.internal.preprocess;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Letterboxes an 8-bit frame into a float CHW RGB tensor scaled to [0, 1], the input every
 * Ultralytics YOLO export expects. Resizing is bilinear with half-pixel centers (OpenCV's
 * {@code INTER_LINEAR}); padding is {@link Letterbox#PAD_VALUE}. Not thread-safe: it keeps
 * scratch arrays between calls so the steady state allocates nothing per frame.
 */
public final class LetterboxPreprocessor {
    private static final float INV_255 = 1f / 255f;
    private final int inputWidth;
    private final int inputHeight;
    private int[] x0 = new int[0];
    private float[] fx = new float[0];
    private byte[] row0 = new byte[0];
    private byte[] row1 = new byte[0];
    private final float[] rowR;
    private final float[] rowG;
    private final float[] rowB;

    /**
     * @param inputWidth  network input width
     * @param inputHeight network input height
     */
    public LetterboxPreprocessor(int inputWidth, int inputHeight) {
        if (inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException("inputWidth/inputHeight must be positive, got " + inputWidth + "x" + inputHeight);
        }
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.rowR = new float[inputWidth];
        this.rowG = new float[inputWidth];
        this.rowB = new float[inputWidth];
    }

    /** @return floats per image in the output, {@code 3 * inputWidth * inputHeight} */
    public int imageSize() {
        return 3 * inputWidth * inputHeight;
    }

    /**
     * Writes {@code image} letterboxed into {@code out}, starting at {@code offset} (in floats),
     * as three planes R, G, B of {@code inputHeight x inputWidth}.
     *
     * @param image  the frame
     * @param out    the network input buffer
     * @param offset where this image starts in {@code out}, in floats
     * @return the letterbox used, to map boxes back
     */
    public Letterbox process(RawImage image, FloatBuffer out, int offset) {
        if (out.capacity() - offset < imageSize()) {
            throw new IllegalArgumentException("output buffer too small: expected >= " + imageSize()
                    + " floats after offset " + offset + ", got " + (out.capacity() - offset));
        }
        Letterbox lb = Letterbox.compute(image.width(), image.height(), inputWidth, inputHeight);
        prepareColumns(lb, image.width());
        int plane = inputWidth * inputHeight;
        int rOff = image.format().redOffset(), bOff = image.format().blueOffset();
        float pad = Letterbox.PAD_VALUE * INV_255;
        float[] rowR = this.rowR, rowG = this.rowG, rowB = this.rowB;
        ensureRows(image.stride());
        double scaleY = (double) image.height() / lb.resizedHeight();
        int lastRow0 = -1, lastRow1 = -1;
        for (int y = 0; y < inputHeight; y++) {
            int ry = y - lb.padTop();
            if (ry < 0 || ry >= lb.resizedHeight()) {
                java.util.Arrays.fill(rowR, pad);
                put(out, offset, plane, y, rowR, rowR, rowR);
                continue;
            }
            double sy = Math.max(0.0, (ry + 0.5) * scaleY - 0.5);
            int y0 = Math.min((int) sy, image.height() - 1);
            int y1 = Math.min(y0 + 1, image.height() - 1);
            float wy = (float) (sy - y0);
            if (y0 != lastRow0) {
                if (y0 == lastRow1) {
                    byte[] t = row0; row0 = row1; row1 = t; lastRow1 = -1;
                } else {
                    readRow(image, y0, row0);
                }
                lastRow0 = y0;
            }
            if (y1 != lastRow1) {
                readRow(image, y1, row1);
                lastRow1 = y1;
            }
            java.util.Arrays.fill(rowR, pad);
            java.util.Arrays.fill(rowG, pad);
            java.util.Arrays.fill(rowB, pad);
            for (int rx = 0; rx < lb.resizedWidth(); rx++) {
                int a = x0[rx] * 3;
                int b = Math.min(x0[rx] + 1, image.width() - 1) * 3;
                float wx = fx[rx];
                int ox = rx + lb.padLeft();
                rowR[ox] = lerp2(row0, row1, a + rOff, b + rOff, wx, wy) * INV_255;
                rowG[ox] = lerp2(row0, row1, a + 1, b + 1, wx, wy) * INV_255;
                rowB[ox] = lerp2(row0, row1, a + bOff, b + bOff, wx, wy) * INV_255;
            }
            put(out, offset, plane, y, rowR, rowG, rowB);
        }
        return lb;
    }

    private void put(FloatBuffer out, int offset, int plane, int y, float[] r, float[] g, float[] b) {
        int base = offset + y * inputWidth;
        out.put(base, r);
        out.put(base + plane, g);
        out.put(base + 2 * plane, b);
    }

    private static float lerp2(byte[] r0, byte[] r1, int a, int b, float wx, float wy) {
        float top = (r0[a] & 0xff) + ((r0[b] & 0xff) - (r0[a] & 0xff)) * wx;
        float bot = (r1[a] & 0xff) + ((r1[b] & 0xff) - (r1[a] & 0xff)) * wx;
        return top + (bot - top) * wy;
    }

    private void prepareColumns(Letterbox lb, int srcWidth) {
        if (x0.length < lb.resizedWidth()) {
            x0 = new int[lb.resizedWidth()];
            fx = new float[lb.resizedWidth()];
        }
        double scaleX = (double) srcWidth / lb.resizedWidth();
        for (int rx = 0; rx < lb.resizedWidth(); rx++) {
            double sx = Math.max(0.0, (rx + 0.5) * scaleX - 0.5);
            int i = Math.min((int) sx, srcWidth - 1);
            x0[rx] = i;
            fx[rx] = (float) (sx - i);
        }
    }

    private void ensureRows(int stride) {
        if (row0.length < stride) {
            row0 = new byte[stride];
            row1 = new byte[stride];
        }
    }

    private static void readRow(RawImage image, int y, byte[] dst) {
        ByteBuffer px = image.pixels();
        px.get(px.position() + y * image.stride(), dst, 0, 3 * image.width());
    }
}
