package dev.yolojava.core.image;

/**
 * An 8-bit frame already in GPU memory (from a hardware video or JPEG decoder, a CUDA camera pipeline,
 * ...): a GPU backend letterboxes it where it is, so no pixel crosses to the host. Interleaved RGB/BGR
 * frames have one plane ({@code address}, {@code stride}); NV12 frames ({@link #nv12}, what NVDEC writes)
 * have a luma plane and a chroma plane ({@code chromaAddress}, {@code chromaStride}). The memory stays the
 * caller's; its pixels must be written (the producer's stream synchronized) when the frame is passed, and
 * it must hold the frame until the call that reads it returns (for a {@link dev.yolojava.core.FramePipeline},
 * until the frame's future completes). CPU backends refuse it.
 *
 * @param address       the device address of the first row (a CUDA device pointer); NV12: of the luma plane
 * @param width         width in pixels, {@code > 0}
 * @param height        height in pixels, {@code > 0}
 * @param stride        bytes from one row to the next: {@code >= 3 * width}, NV12 {@code >= width}
 * @param format        pixel layout
 * @param device        the CUDA device ordinal the memory belongs to
 * @param chromaAddress NV12: the device address of the interleaved Cb/Cr plane; 0 for RGB/BGR
 * @param chromaStride  NV12: bytes from one chroma row to the next, {@code >= width rounded up to even}; 0 for RGB/BGR
 * @param colors        NV12: how YUV maps to RGB; null for RGB/BGR
 */
public record DeviceImage(long address, int width, int height, int stride, PixelFormat format, int device,
                          long chromaAddress, int chromaStride, YuvColors colors) implements Frame {

    /**
     * Validates the geometry.
     *
     * @param address       the device address of the first row; NV12: of the luma plane
     * @param width         width in pixels, {@code > 0}
     * @param height        height in pixels, {@code > 0}
     * @param stride        bytes from one row to the next
     * @param format        pixel layout
     * @param device        the CUDA device ordinal
     * @param chromaAddress NV12: the chroma plane; 0 otherwise
     * @param chromaStride  NV12: the chroma plane's row pitch; 0 otherwise
     * @param colors        NV12: the YUV to RGB mapping; null otherwise
     */
    public DeviceImage {
        if (address == 0) {
            throw new IllegalArgumentException("device image address is null");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("device image size must be positive, got " + width + "x" + height);
        }
        if (format == null) {
            throw new IllegalArgumentException("device image format is null");
        }
        int minStride = format.interleaved() ? 3 * width : width;
        if (stride < minStride) {
            throw new IllegalArgumentException("device image stride too small: expected >= " + minStride + ", got " + stride);
        }
        if (device < 0) {
            throw new IllegalArgumentException("device must be >= 0, got " + device);
        }
        if (format.interleaved()) {
            if (chromaAddress != 0 || chromaStride != 0 || colors != null) {
                throw new IllegalArgumentException("chromaAddress, chromaStride, colors: expected 0, 0, null for " + format
                        + ", got " + chromaAddress + ", " + chromaStride + ", " + colors);
            }
        } else {
            if (chromaAddress == 0) {
                throw new IllegalArgumentException("chromaAddress: NV12 needs the chroma plane's device address, got 0");
            }
            int minChroma = (width + 1) / 2 * 2;
            if (chromaStride < minChroma) {
                throw new IllegalArgumentException("chromaStride too small: expected >= " + minChroma + ", got " + chromaStride);
            }
            if (colors == null) {
                throw new IllegalArgumentException("colors: NV12 needs its YUV to RGB mapping, got null");
            }
        }
    }

    /**
     * An interleaved RGB or BGR frame.
     *
     * @param address the device address of the first row
     * @param width   width in pixels, {@code > 0}
     * @param height  height in pixels, {@code > 0}
     * @param stride  bytes from one row to the next, {@code >= 3 * width}
     * @param format  RGB or BGR
     * @param device  the CUDA device ordinal
     */
    public DeviceImage(long address, int width, int height, int stride, PixelFormat format, int device) {
        this(address, width, height, stride, format, device, 0, 0, null);
    }

    /**
     * An NV12 frame (a hardware video decoder's output).
     *
     * @param luma         the device address of the luma plane
     * @param lumaStride   its row pitch, {@code >= width}
     * @param chroma       the device address of the interleaved Cb/Cr plane
     * @param chromaStride its row pitch
     * @param width        width in pixels
     * @param height       height in pixels
     * @param colors       how YUV maps to RGB
     * @param device       the CUDA device ordinal
     * @return the frame
     */
    public static DeviceImage nv12(long luma, int lumaStride, long chroma, int chromaStride, int width, int height,
                                   YuvColors colors, int device) {
        return new DeviceImage(luma, width, height, lumaStride, PixelFormat.NV12, device, chroma, chromaStride, colors);
    }

    /** @return bytes of the first plane from its first pixel to its last one */
    @Override
    public long byteLength() {
        return (long) stride * (height - 1) + (format.interleaved() ? 3L : 1L) * width;
    }
}
