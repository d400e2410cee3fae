package dev.yolojava.core.preprocess;

import dev.yolojava.core.BoundingBox;

/**
 * The geometry of an Ultralytics-style letterbox: the source image is scaled by {@code gain}
 * (aspect preserved, up or down), centered and padded to the network input size.
 * Matches {@code ultralytics.data.augment.LetterBox(auto=False, center=True)} and its inverse
 * {@code ultralytics.utils.ops.scale_boxes}, including Python's round-half-to-even.
 *
 * @param srcWidth      original image width
 * @param srcHeight     original image height
 * @param dstWidth      network input width
 * @param dstHeight     network input height
 * @param gain          scale factor, {@code min(dstW / srcW, dstH / srcH)}
 * @param resizedWidth  width of the scaled image inside the input
 * @param resizedHeight height of the scaled image inside the input
 * @param padLeft       columns of padding left of the scaled image
 * @param padTop        rows of padding above the scaled image
 */
public record Letterbox(int srcWidth, int srcHeight, int dstWidth, int dstHeight, double gain,
                        int resizedWidth, int resizedHeight, int padLeft, int padTop) {

    /** The grey Ultralytics pads with, per channel, in 0..255. */
    public static final int PAD_VALUE = 114;

    /**
     * Computes the letterbox that fits a {@code srcWidth x srcHeight} image into {@code dstWidth x dstHeight}.
     *
     * @param srcWidth  image width
     * @param srcHeight image height
     * @param dstWidth  network input width
     * @param dstHeight network input height
     * @return the scale and padding
     * @throws IllegalArgumentException naming the size that is not positive
     */
    public static Letterbox compute(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        if (srcWidth <= 0 || srcHeight <= 0) {
            throw new IllegalArgumentException("source size must be positive, got " + srcWidth + "x" + srcHeight);
        }
        if (dstWidth <= 0 || dstHeight <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + dstWidth + "x" + dstHeight);
        }
        double gain = Math.min((double) dstHeight / srcHeight, (double) dstWidth / srcWidth);
        int rw = Math.max(1, Math.min(dstWidth, (int) Math.rint(srcWidth * gain)));
        int rh = Math.max(1, Math.min(dstHeight, (int) Math.rint(srcHeight * gain)));
        double dw = (dstWidth - rw) / 2.0;
        double dh = (dstHeight - rh) / 2.0;
        int left = (int) Math.rint(dw - 0.1);
        int top = (int) Math.rint(dh - 0.1);
        return new Letterbox(srcWidth, srcHeight, dstWidth, dstHeight, gain, rw, rh, left, top);
    }

    /**
     * Maps a box from network-input pixels back to original-image pixels, clipped to the image
     * (Ultralytics {@code scale_boxes}).
     *
     * @param x1 left, in network-input pixels
     * @param y1 top
     * @param x2 right
     * @param y2 bottom
     * @return the box in original-image pixels
     */
    public BoundingBox toOriginal(float x1, float y1, float x2, float y2) {
        double padX = Math.rint((dstWidth - srcWidth * gain) / 2 - 0.1);
        double padY = Math.rint((dstHeight - srcHeight * gain) / 2 - 0.1);
        float ox1 = clamp((x1 - padX) / gain, srcWidth);
        float oy1 = clamp((y1 - padY) / gain, srcHeight);
        float ox2 = clamp((x2 - padX) / gain, srcWidth);
        float oy2 = clamp((y2 - padY) / gain, srcHeight);
        return new BoundingBox(ox1, oy1, Math.max(ox1, ox2), Math.max(oy1, oy2));
    }

    private static float clamp(double v, int max) {
        return (float) Math.max(0, Math.min(max, v));
    }
}
