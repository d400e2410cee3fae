package dev.yolojava.core.video;

/**
 * Decoded frames of a video file or stream, in order. {@link FfmpegVideoSource} reads files and network
 * streams with FFmpeg; any camera pipeline can implement it too.
 */
public interface VideoSource extends AutoCloseable {

    /**
     * @return the next frame, or null at the end of the stream. A frame's pixels stay valid while the
     *         source reads its next {@link #framesKept()} - 1 frames
     * @throws dev.yolojava.core.InvalidImageException naming the source when the stream breaks off
     */
    VideoFrame read();

    /** @return how many of the most recent frames stay valid at once (enough for a pipeline's frames in flight) */
    int framesKept();

    /** @return frames per second the stream declares, or 0 when unknown */
    double frameRate();

    /** @return what to call the source in messages (its file or URL) */
    String name();

    /** @return the decoder in use, for reports, e.g. {@code h264 (CPU)}; the name when unknown */
    default String decoder() {
        return name();
    }

    /** @return packets the decoder refused as corrupt and skipped so far; 0 where the source cannot tell */
    default long corruptPackets() {
        return 0;
    }

    /** Stops reading and frees the decoder; idempotent, throws nothing. */
    @Override
    void close();
}
