package dev.yolojava.core.batch;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloConfig;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Several detectors over the same model (on a GPU: several execution contexts and streams), lent
 * to callers one at a time, so that concurrent threads run concurrently instead of queueing on
 * one detector's lock. Owns its detectors: {@link #close()} closes them all.
 */
public final class DetectorPool implements AutoCloseable {
    private final List<YoloDetector> all;
    private final BlockingQueue<YoloDetector> idle;
    private volatile boolean closed;

    private DetectorPool(List<YoloDetector> detectors) {
        this.all = List.copyOf(detectors);
        this.idle = new ArrayBlockingQueue<>(detectors.size(), false, detectors);
    }

    /**
     * Opens {@code size} detectors with {@code config}.
     *
     * @param config the detectors' configuration
     * @param size   how many detectors, {@code >= 1}
     * @return the pool
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public static DetectorPool open(YoloConfig config, int size) {
        return open(size, () -> YoloDetector.open(config));
    }

    /**
     * Opens {@code size} detectors from {@code factory}, closing those opened if one fails.
     *
     * @param size    how many detectors, {@code >= 1}
     * @param factory opens one detector
     * @return the pool
     */
    public static DetectorPool open(int size, java.util.function.Supplier<YoloDetector> factory) {
        java.util.Objects.requireNonNull(factory, "factory");
        return open(size, (java.util.function.IntFunction<YoloDetector>) i -> factory.get());
    }

    /**
     * Opens {@code size} detectors, the i-th from {@code factory.apply(i)}, closing those opened if one fails.
     * Spread detectors over GPUs this way, e.g. {@code i -> builder.option("tensorrt.device", i % gpus).build()}:
     * a caller then gets whichever detector is free, so work flows to the GPU that has room.
     *
     * @param size    how many detectors, {@code >= 1}
     * @param factory opens detector number i (0-based)
     * @return the pool
     */
    public static DetectorPool open(int size, java.util.function.IntFunction<YoloDetector> factory) {
        java.util.Objects.requireNonNull(factory, "factory");
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1, got " + size);
        }
        List<YoloDetector> ds = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                ds.add(factory.apply(i));
            }
        } catch (RuntimeException e) {
            ds.forEach(YoloDetector::close);
            throw e;
        }
        return new DetectorPool(ds);
    }

    /**
     * Runs {@code work} on a free detector, waiting for one.
     *
     * @param <T>  what the work returns
     * @param work what to do with the detector (it is lent until the work returns)
     * @return what the work returned
     */
    public <T> T with(Function<YoloDetector, T> work) {
        if (closed) {
            throw new IllegalStateException("DetectorPool is closed");
        }
        YoloDetector d;
        try {
            d = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a detector", e);
        }
        try {
            return work.apply(d);
        } finally {
            idle.offer(d);
        }
    }

    /**
     * @param image the image (a {@link dev.yolojava.core.image.DeviceImage} only where every detector of the pool runs
     *              on its GPU)
     * @return detections for one image, on a free detector
     */
    public List<Detection> detect(Frame image) {
        return with(d -> d.detect(image));
    }

    /**
     * @param images the images
     * @return detections for several images, on a free detector
     */
    public List<List<Detection>> detectBatch(List<? extends Frame> images) {
        return with(d -> d.detectBatch(images));
    }

    /** @return how many detectors the pool holds */
    public int size() {
        return all.size();
    }

    /** Closes every detector; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            all.forEach(YoloDetector::close);
        }
    }
}
