package dev.yolojava.core.video;

import dev.yolojava.core.Detection;
import dev.yolojava.core.batch.DetectorPool;
import dev.yolojava.core.batch.DynamicBatcher;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Several video streams (cameras, files) detected at once on one shared {@link DetectorPool}: each stream is
 * read on its own thread and each frame is detected on whichever detector of the pool is free, so streams
 * share one loaded model and, with a pool spread over GPUs, every GPU (a frame in GPU memory goes to a detector on
 * its GPU). A stream that breaks off ends alone
 * (its error is kept, the others go on); a live stream ({@link LiveVideoSource}) drops its oldest frame
 * when detection falls behind, counted per stream.
 * <pre>{@code
 * try (YoloModel model = YoloDetector.builder().model(path).loadModel();
 *      DetectorPool pool = DetectorPool.open(4, i -> model.newDetector());
 *      StreamGroup group = StreamGroup.builder(pool)
 *              .add(LiveVideoSource.reconnecting(() -> FfmpegVideoSource.open(url1, 5000), 5, Duration.ofSeconds(2), 2, 1))
 *              .add(LiveVideoSource.reconnecting(() -> FfmpegVideoSource.open(url2, 5000), 5, Duration.ofSeconds(2), 2, 1))
 *              .onFrame((stream, frame, detections, readNanos) -> publish(stream, frame.index(), detections))
 *              .start()) {
 *     group.await(Duration.ofHours(8));
 * }
 * }</pre>
 * Closing it stops the threads and closes the sources, not the pool. With {@link Builder#batching} the streams'
 * frames are gathered across streams into batches (a {@link DynamicBatcher} per GPU, frames in host memory sharing
 * one), so that a detector whose engine runs a batch in one execution ({@code tensorrt.batchedEngine}) takes several
 * streams' frames in one call instead of one call per frame.
 */
public final class StreamGroup implements AutoCloseable {

    /** Receives each detected frame, on the stream's own thread. */
    @FunctionalInterface
    public interface FrameListener {
        /**
         * @param stream     the stream's position in the group, from 0
         * @param frame      the frame (its pixels valid until the stream reads a few more)
         * @param detections what was found, best first
         * @param readNanos  {@link System#nanoTime()} when the frame was read from its source
         */
        void onFrame(int stream, VideoFrame frame, List<Detection> detections, long readNanos);
    }

    private final DetectorPool pool;
    private final List<VideoSource> sources;
    private final FrameListener listener;
    private final long maxFrames;
    private final AtomicLongArray frames;
    private final RuntimeException[] failures;
    private final List<Thread> threads = new ArrayList<>();
    private final DynamicBatcher.Builder batching;
    /** One batcher per GPU whose frames the streams give (key: the CUDA device, or -1 for frames in host memory). */
    private final ConcurrentHashMap<Integer, DynamicBatcher> batchers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private StreamGroup(Builder b) {
        this.pool = b.pool;
        this.batching = b.batching;
        this.sources = List.copyOf(b.sources);
        this.listener = b.listener;
        this.maxFrames = b.maxFrames;
        this.frames = new AtomicLongArray(sources.size());
        this.failures = new RuntimeException[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            int s = i;
            threads.add(b.threadFactory.newThread(() -> run(s)));
        }
    }

    /**
     * @param pool the detectors the streams share (not closed by the group)
     * @return a builder
     */
    public static Builder builder(DetectorPool pool) {
        return new Builder(pool);
    }

    private void run(int s) {
        VideoSource src = sources.get(s);
        try {
            while (!closed && frames.get(s) < maxFrames) {
                VideoFrame f = src.read();
                if (f == null) {
                    break;
                }
                long read = System.nanoTime();
                List<Detection> d = batching == null ? pool.detect(f.image()) : detectBatched(f.image());
                frames.incrementAndGet(s);
                listener.onFrame(s, f, d, read);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                synchronized (failures) {
                    failures[s] = e;
                }
            }
        }
    }

    private List<Detection> detectBatched(Frame image) {
        int device = image instanceof DeviceImage g ? g.device() : -1;
        DynamicBatcher b = batchers.computeIfAbsent(device, d -> batching.build(pool));
        try {
            return b.submit(image).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * @return with {@link Builder#batching}, the frames per call so far (the mean over GPUs of each GPU's average);
     * 0 without batching or before the first batch
     */
    public double averageBatch() {
        return batchers.values().stream().mapToDouble(DynamicBatcher::averageBatch).average().orElse(0);
    }

    /**
     * Waits until every stream has ended (or reached the frame limit).
     *
     * @param timeout how long to wait at most
     * @return whether every stream ended in time
     */
    public boolean await(java.time.Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread t : threads) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedJoin(t, left);
                if (t.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return how many streams the group reads */
    public int size() {
        return sources.size();
    }

    /**
     * @param stream the stream's position
     * @return frames detected so far on that stream
     */
    public long frames(int stream) {
        return frames.get(stream);
    }

    /**
     * @param stream the stream's position
     * @return frames a live stream dropped because detection was behind (0 for other sources)
     */
    public long droppedFrames(int stream) {
        return sources.get(stream) instanceof LiveVideoSource l ? l.droppedFrames() : 0;
    }

    /**
     * @param stream the stream's position
     * @return the error that ended that stream, or null
     */
    public RuntimeException failure(int stream) {
        synchronized (failures) {
            return failures[stream];
        }
    }

    /** Stops reading (each thread ends after its current frame), waits for the threads, closes the sources. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sources.forEach(VideoSource::close); // wakes a thread waiting on a live source
        try {
            for (Thread t : threads) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            batchers.values().forEach(DynamicBatcher::close); // finishes what a stream still waits for
        }
    }

    /** Builds a {@link StreamGroup}. */
    public static final class Builder {
        private static final AtomicInteger GROUPS = new AtomicInteger();
        private final DetectorPool pool;
        private final List<VideoSource> sources = new ArrayList<>();
        private FrameListener listener = (s, f, d, t) -> { };
        private long maxFrames = Long.MAX_VALUE;
        private ThreadFactory threadFactory;
        private DynamicBatcher.Builder batching;

        private Builder(DetectorPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            this.threadFactory = dev.yolojava.core.internal.DaemonThreads.named("yolo-stream-" + GROUPS.incrementAndGet());
        }

        /**
         * @param source one more stream (the group owns it from now on and closes it)
         * @return this builder
         */
        public Builder add(VideoSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * @param listener receives each detected frame on its stream's thread
         * @return this builder
         */
        public Builder onFrame(FrameListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param max frames to detect per stream at most, {@code >= 1}
         * @return this builder
         */
        public Builder maxFramesPerStream(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxFramesPerStream: expected >= 1, got " + max);
            }
            this.maxFrames = max;
            return this;
        }

        /**
         * Gathers the streams' frames into batches across streams instead of one call per frame: per GPU (frames in
         * host memory together), up to {@code maxBatch} frames waiting at most {@code maxDelay} for each other, run on
         * the pool's free detectors by {@code workersPerGpu} threads (as many as the pool has detectors on a GPU keeps
         * them all busy). The pool's detectors need a batch size of at least {@code maxBatch}; with a model exported
         * at batch 1 on TensorRT, {@code tensorrt.batchedEngine} makes such a batch one execution.
         *
         * @param maxBatch      frames per batch at most, {@code >= 1}
         * @param maxDelay      how long a frame waits for others, {@code >= 0}
         * @param workersPerGpu batches in flight per GPU, {@code >= 1}
         * @return this builder
         */
        public Builder batching(int maxBatch, java.time.Duration maxDelay, int workersPerGpu) {
            this.batching = DynamicBatcher.builder().maxBatch(maxBatch).maxDelay(maxDelay).workers(workersPerGpu);
            return this;
        }

        /**
         * @param factory makes the streams' threads (default: daemon threads named {@code yolo-stream-G-N})
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
            return this;
        }

        /**
         * Starts one thread per stream.
         *
         * @return the running group
         * @throws IllegalStateException when no stream was added
         */
        public StreamGroup start() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("StreamGroup: add at least one stream");
            }
            StreamGroup g = new StreamGroup(this);
            g.threads.forEach(Thread::start);
            return g;
        }
    }
}
