package dev.yolojava.core.image;

/**
 * Pixel layout of an 8-bit frame: interleaved 3-channel RGB or BGR, or planar NV12 (only for frames in GPU
 * memory, {@link DeviceImage#nv12}).
 */
public enum PixelFormat {
    /** red, green, blue: what most decoders produce */
    RGB,
    /** blue, green, red: what OpenCV and many camera pipelines produce */
    BGR,
    /**
     * YUV 4:2:0 as hardware video decoders (NVDEC) write it: a luma plane, then a plane of interleaved
     * Cb/Cr pairs at half the width and height. Only {@link DeviceImage}s have it.
     */
    NV12;

    /** @return whether pixels are 3 interleaved bytes (RGB or BGR) */
    public boolean interleaved() {
        return this != NV12;
    }

    /**
     * @return the byte offset of red within a pixel
     * @throws IllegalStateException for NV12, which has no red byte
     */
    public int redOffset() {
        return switch (this) {
            case RGB -> 0;
            case BGR -> 2;
            case NV12 -> throw new IllegalStateException("NV12 is planar YUV: it has no red byte offset");
        };
    }

    /**
     * @return the byte offset of blue within a pixel
     * @throws IllegalStateException for NV12, which has no blue byte
     */
    public int blueOffset() {
        return switch (this) {
            case RGB -> 2;
            case BGR -> 0;
            case NV12 -> throw new IllegalStateException("NV12 is planar YUV: it has no blue byte offset");
        };
    }
}
