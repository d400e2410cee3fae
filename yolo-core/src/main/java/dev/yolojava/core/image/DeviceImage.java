package dev.yolojava.core.image;

/**
 * An interleaved 8-bit, 3-channel frame already in GPU memory (from a hardware video or JPEG decoder, a
 * CUDA camera pipeline, ...): a GPU backend letterboxes it where it is, so no pixel crosses to the host.
 * The memory stays the caller's; it must hold the frame until the call that reads it returns (for a
 * {@link dev.yolojava.core.FramePipeline}, until the frame's future completes). CPU backends refuse it.
 *
 * @param address the device address of the first row (a CUDA device pointer)
 * @param width   width in pixels, {@code > 0}
 * @param height  height in pixels, {@code > 0}
 * @param stride  bytes from one row to the next, {@code >= 3 * width}
 * @param format  channel order
 * @param device  the CUDA device ordinal the memory belongs to
 */
public record DeviceImage(long address, int width, int height, int stride, PixelFormat format, int device)
        implements Frame {

    /**
     * Validates the geometry.
     *
     * @param address the device address of the first row (a CUDA device pointer)
     * @param width   width in pixels, {@code > 0}
     * @param height  height in pixels, {@code > 0}
     * @param stride  bytes from one row to the next, {@code >= 3 * width}
     * @param format  channel order
     * @param device  the CUDA device ordinal the memory belongs to
     */
    public DeviceImage {
        if (address == 0) {
            throw new IllegalArgumentException("device image address is null");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("device image size must be positive, got " + width + "x" + height);
        }
        if (stride < 3 * width) {
            throw new IllegalArgumentException("device image stride too small: expected >= " + 3 * width + ", got " + stride);
        }
        if (format == null) {
            throw new IllegalArgumentException("device image format is null");
        }
        if (device < 0) {
            throw new IllegalArgumentException("device must be >= 0, got " + device);
        }
    }
}
