package dev.yolojava.core.batch;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Gathers concurrent single-image requests into batches: a worker thread takes the first waiting
 * request, then waits at most {@code maxDelay} for more, up to {@code maxBatch}, and runs them as
 * one {@code detectBatch}. Requests from many threads (an HTTP server's, say) thus fill the GPU
 * instead of running one by one at batch 1.
 * <pre>{@code
 * try (YoloDetector detector = YoloDetector.builder().model(model).batchSize(16).build();
 *      DynamicBatcher batcher = DynamicBatcher.builder().maxBatch(16).maxDelay(Duration.ofMillis(2)).build(detector)) {
 *     List<Detection> found = batcher.submit(frame).join();
 * }
 * }</pre>
 * The batcher does not own the detector. {@link #close()} finishes queued requests, then stops. When a batch
 * fails, its images run again one by one, so that only the request whose image fails gets the error. With the
 * profiler on, a batch runs inside the range that was open where its first request was submitted. Frames in GPU
 * memory ({@code DeviceImage}) batch too, as long as one batcher's frames are on one GPU (a batch runs on one GPU:
 * {@link dev.yolojava.core.video.StreamGroup.Builder#batching} keeps a batcher per GPU).
 */
public final class DynamicBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);
    private final Function<List<Frame>, List<List<Detection>>> runner;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final BlockingQueue<Request> queue;
    private final Thread[] workers;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong images = new AtomicLong();
    private volatile boolean closed;
    /** Submits hold it shared while they check {@code closed} and queue; close takes it alone to flip the flag. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** Runs between a submit's check and its offer; tests widen that window with it. */
    Runnable afterClosedCheck = () -> { };

    /**
     * A queued image; {@code inCaller} runs what is put in {@code work} inside the profiler range that was open
     * where the image was submitted, so that a batch's ranges and GPU work nest under its first request's range.
     */
    private record Request(Frame image, CompletableFuture<List<Detection>> result,
                           java.util.concurrent.atomic.AtomicReference<Runnable> work, Runnable inCaller) {
        static Request of(Frame image, CompletableFuture<List<Detection>> result) {
            var work = new java.util.concurrent.atomic.AtomicReference<Runnable>();
            return new Request(image, result, work, dev.yolojava.profiler.Profiler.wrap(() -> work.get().run()));
        }
    }

    private DynamicBatcher(Function<List<Frame>, List<List<Detection>>> runner, Builder b) {
        this.runner = runner;
        this.maxBatch = b.maxBatch;
        this.maxDelayNanos = b.maxDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.workers = new Thread[b.workers];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = b.threadFactory.newThread(this::work);
            workers[i].start();
        }
    }

    /** @return a builder (maxBatch 8, maxDelay 2 ms, queue 1024, one worker) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues one image.
     *
     * @param image the image
     * @return its detections, completed by a worker (exceptionally if the batch failed)
     * @throws RejectedExecutionException when the batcher is closed or its queue is full
     */
    public CompletableFuture<List<Detection>> submit(Frame image) {
        Objects.requireNonNull(image, "image");
        gate.readLock().lock();
        try { // close() cannot pass between the check and the offer: a queued request is always run or rejected
            if (closed) {
                throw new RejectedExecutionException("DynamicBatcher is closed");
            }
            afterClosedCheck.run();
            CompletableFuture<List<Detection>> f = new CompletableFuture<>();
            if (!queue.offer(Request.of(image, f))) {
                throw new RejectedExecutionException("DynamicBatcher queue is full (" + queue.size()
                        + " waiting); raise queueCapacity or slow the producers");
            }
            return f;
        } finally {
            gate.readLock().unlock();
        }
    }

    /** @return average images per batch so far (how well requests are being gathered) */
    public double averageBatch() {
        long b = batches.get();
        return b == 0 ? 0 : (double) images.get() / b;
    }

    private void work() {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Request first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxDelayNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Request r = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (r == null) {
                        break;
                    }
                    batch.add(r);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Request> batch) {
        Request first = batch.get(0);
        first.work().set(() -> runBatch(batch));
        first.inCaller().run();
    }

    private void runBatch(List<Request> batch) {
        List<Frame> imgs = new ArrayList<>(batch.size());
        batch.forEach(r -> imgs.add(r.image()));
        try {
            List<List<Detection>> out = runner.apply(imgs);
            batches.incrementAndGet();
            images.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(out.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            // one bad image (a corrupt frame of one stream, say) must not fail the others gathered with it
            LOG.debug("batch of {} failed ({}); running its images one by one", batch.size(), e.toString());
            for (Request r : batch) {
                try {
                    r.result().complete(runner.apply(List.of(r.image())).get(0));
                    batches.incrementAndGet();
                    images.incrementAndGet();
                } catch (RuntimeException one) {
                    r.result().completeExceptionally(one);
                }
            }
        }
    }

    /** Finishes the queued requests, then stops the workers; idempotent. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            gate.writeLock().unlock();
        }
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Request r; (r = queue.poll()) != null; ) {
            r.result().completeExceptionally(new RejectedExecutionException("DynamicBatcher closed"));
        }
    }

    /** Configures a {@link DynamicBatcher}. */
    public static final class Builder {
        private int maxBatch = 8;
        private Duration maxDelay = Duration.ofMillis(2);
        private int queueCapacity = 1024;
        private int workers = 1;
        private java.util.concurrent.ThreadFactory threadFactory = dev.yolojava.core.internal.DaemonThreads.named("yolo-batcher");

        private Builder() {
        }

        /**
         * @param n largest batch, {@code >= 1} (at most the detector's batchSize)
         * @return this builder
         */
        public Builder maxBatch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, got " + n);
            }
            this.maxBatch = n;
            return this;
        }

        /**
         * @param d longest a request waits for company, {@code >= 0}
         * @return this builder
         */
        public Builder maxDelay(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("maxDelay must be >= 0, got " + d);
            }
            this.maxDelay = d;
            return this;
        }

        /**
         * @param n requests that may wait, {@code >= 1}
         * @return this builder
         */
        public Builder queueCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1, got " + n);
            }
            this.queueCapacity = n;
            return this;
        }

        /**
         * @param factory makes the worker threads (default: daemon threads named {@code yolo-batcher-N}), for
         *                an application that names, groups or instruments its threads
         * @return this builder
         */
        public Builder threadFactory(java.util.concurrent.ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
            return this;
        }

        /**
         * @param n worker threads, each running whole batches (useful with a {@link DetectorPool})
         * @return this builder
         */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + n);
            }
            this.workers = n;
            return this;
        }

        /**
         * @param detector the detector, whose batchSize must be {@code >= maxBatch}
         * @return a batcher feeding {@code detector}
         */
        public DynamicBatcher build(YoloDetector detector) {
            Objects.requireNonNull(detector, "detector");
            if (detector.config().batchSize() < maxBatch) {
                throw new IllegalArgumentException("maxBatch " + maxBatch + " exceeds the detector's batchSize "
                        + detector.config().batchSize() + ": build the detector with batchSize(" + maxBatch + ")");
            }
            return new DynamicBatcher(detector::detectBatch, this);
        }

        /**
         * @param pool the detectors
         * @return a batcher feeding a pool, one batch per free detector
         */
        public DynamicBatcher build(DetectorPool pool) {
            Objects.requireNonNull(pool, "pool");
            return new DynamicBatcher(pool::detectBatch, this);
        }

        /**
         * @param runner detects a batch of images, one result list per image
         * @return a batcher over any batch function (tests, custom pipelines)
         */
        public DynamicBatcher build(Function<List<Frame>, List<List<Detection>>> runner) {
            return new DynamicBatcher(Objects.requireNonNull(runner, "runner"), this);
        }
    }
}
