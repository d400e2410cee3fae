package dev.yolojava.core.video;

import dev.yolojava.core.Detection;
import dev.yolojava.core.FramePipeline;
import dev.yolojava.core.YoloDetector;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * Detections of a video, frame by frame, in order: frames are read and submitted through the detector's
 * double-buffered {@link FramePipeline}, so frame N+1 decodes and uploads while frame N computes. Every frame
 * of the source is detected (a file never drops frames). Made by {@link YoloDetector#stream(VideoSource)}.
 * <pre>{@code
 * try (VideoSource video = FfmpegVideoSource.open("traffic.mp4", 5000);
 *      VideoDetections frames = detector.stream(video)) {
 *     while (frames.hasNext()) {
 *         FrameResult r = frames.next();
 *         System.out.println(r.frameIndex() + ": " + r.detections().size() + " objects");
 *     }
 * }
 * }</pre>
 * Closing it closes the pipeline, not the source or the detector.
 */
public final class VideoDetections implements Iterator<FrameResult>, AutoCloseable {
    private final FramePipeline pipeline;
    private final VideoSource source;
    private final int depth;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private boolean ended;

    private record InFlight(VideoFrame frame, CompletableFuture<List<Detection>> detections) {
    }

    /**
     * @param detector the detector (its pipeline is opened here)
     * @param source   the frames
     */
    public VideoDetections(YoloDetector detector, VideoSource source) {
        this.source = java.util.Objects.requireNonNull(source, "source");
        this.pipeline = java.util.Objects.requireNonNull(detector, "detector").pipeline();
        // frames in flight must stay valid: at most one fewer than the source keeps
        this.depth = Math.max(1, Math.min(pipeline.depth() + 1, source.framesKept() - 1));
    }

    @Override
    public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
    }

    @Override
    public FrameResult next() {
        fill();
        InFlight f = inFlight.poll();
        if (f == null) {
            throw new NoSuchElementException("no more frames in " + source.name());
        }
        if (!f.detections().isDone()) {
            pipeline.flush();
        }
        VideoFrame v = f.frame();
        return new FrameResult(v.index(), v.timestampMicros(), v.image(), f.detections().join());
    }

    private void fill() {
        while (!ended && inFlight.size() < depth) {
            VideoFrame v = source.read();
            if (v == null) {
                ended = true;
                pipeline.flush();
            } else {
                inFlight.add(new InFlight(v, pipeline.submit(v.image())));
            }
        }
    }

    /** Completes the frames in flight and closes the pipeline; idempotent. */
    @Override
    public void close() {
        pipeline.close();
    }
}
