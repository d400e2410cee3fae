package dev.yolojava.core.video;

import dev.yolojava.core.Detection;
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
public record FrameResult(long frameIndex, long timestampMicros, RawImage frame, List<Detection> detections) {

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
}
