package dev.yolojava.core.video;

import dev.yolojava.core.image.RawImage;

/**
 * One decoded frame of a video.
 *
 * @param index           position in the stream, from 0
 * @param timestampMicros presentation time in microseconds from the start of the stream
 * @param image           the pixels (8-bit BGR); valid until the source has read a few more frames
 */
public record VideoFrame(long index, long timestampMicros, RawImage image) {
}
