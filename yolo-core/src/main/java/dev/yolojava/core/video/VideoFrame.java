package dev.yolojava.core.video;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;

/**
 * One decoded frame of a video.
 *
 * @param index           position in the stream, from 0
 * @param timestampMicros presentation time in microseconds from the start of the stream
 * @param image           the pixels: a {@link dev.yolojava.core.image.RawImage} (8-bit BGR in host memory) from
 *                        CPU and NVDEC decoders, a {@link dev.yolojava.core.image.DeviceImage} (NV12 in GPU
 *                        memory) from {@link VideoDecoder#NVDEC_DEVICE}; valid until the source has read a few
 *                        more frames
 */
public record VideoFrame(long index, long timestampMicros, Frame image) {

    /**
     * @return the pixels in host memory, to draw on or copy
     * @throws IllegalStateException when the frame is in GPU memory ({@link VideoDecoder#NVDEC_DEVICE})
     */
    public RawImage hostImage() {
        return FrameResult.host(image, index);
    }
}
