package dev.yolojava.core.video;

import dev.yolojava.core.Detection;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;

import java.util.List;

/**
 * The detections of one video frame.
 *
 * @param frameIndex      the frame's position in the stream, from 0
 * @param timestampMicros its presentation time in microseconds
 * @param frame           its pixels (valid until a few more frames are read)
 * @param detections      what was found, best first
 */
public record FrameResult(long frameIndex, long timestampMicros, Frame frame, List<Detection> detections) {

    /**
     * Copies the list.
     *
     * @param frameIndex      the frame's position in the stream, from 0
     * @param timestampMicros its presentation time in microseconds
     * @param frame           its pixels (valid until a few more frames are read)
     * @param detections      what was found, best first
     */
    public FrameResult {
        detections = List.copyOf(detections);
    }

    /**
     * @return the frame's pixels in host memory, to draw on or copy
     * @throws IllegalStateException when the frame is in GPU memory ({@link VideoDecoder#NVDEC_DEVICE})
     */
    public RawImage hostFrame() {
        return host(frame, frameIndex);
    }

    static RawImage host(Frame frame, long index) {
        if (frame instanceof RawImage r) {
            return r;
        }
        throw new IllegalStateException("frame " + index + " is in GPU memory (decoder nvdec-device): its pixels cannot be read"
                + " on the host; decode with nvdec or cpu to draw on frames");
    }
}
