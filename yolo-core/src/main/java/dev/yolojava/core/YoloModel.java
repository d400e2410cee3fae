package dev.yolojava.core;

import dev.yolojava.core.spi.ModelInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model loaded once, handing out detectors: one per thread (a detector serializes its calls), all
 * closed with the model. Loading validates the model and, on TensorRT, builds or loads its engine, which the
 * model's later detectors share (each adds only its execution contexts, streams and buffers); on ONNX Runtime
 * each detector opens its own session.
 * <pre>{@code
 * try (YoloModel model = YoloDetector.builder().model(Path.of("yolov8n.onnx")).loadModel()) {
 *     executor.submit(() -> { try (YoloDetector d = model.newDetector()) { ... } });
 * }
 * }</pre>
 */
public final class YoloModel implements AutoCloseable {
    private java.util.concurrent.ThreadFactory threadFactory;
    private final YoloConfig config;
    private final YoloDetector first;
    private final List<YoloDetector> detectors = new ArrayList<>();
    private boolean firstLent;
    private boolean closed;

    private YoloModel(YoloConfig config, YoloDetector first) {
        this.config = config;
        this.first = first;
        detectors.add(first);
    }

    /**
     * Loads the model: chooses the backend, checks the options, opens the first detector.
     *
     * @param config the settings every detector of this model shares
     * @return the loaded model
     * @throws ModelLoadException       naming the model when it cannot be loaded
     * @throws BackendNotFoundException when no usable backend is on the class path
     */
    public static YoloModel load(YoloConfig config) {
        return load(config, null);
    }

    /**
     * As {@link #load(YoloConfig)}, its detectors making their post-processing threads with {@code threadFactory}.
     *
     * @param config        the settings every detector of this model shares
     * @param threadFactory makes the detectors' post-processing threads, or null for the default
     * @return the loaded model
     */
    public static YoloModel load(YoloConfig config, java.util.concurrent.ThreadFactory threadFactory) {
        YoloModel m = new YoloModel(Objects.requireNonNull(config, "config"), YoloDetector.open(config));
        m.threadFactory = threadFactory;
        m.first.useThreadFactory(threadFactory);
        return m;
    }

    /**
     * @return a detector of this model: the one opened at load the first time, a new one after that; closing
     *         it is allowed, the model closes those still open
     * @throws IllegalStateException when the model is closed
     */
    public synchronized YoloDetector newDetector() {
        if (closed) {
            throw new IllegalStateException("YoloModel " + config.model() + " is closed");
        }
        if (!firstLent) {
            firstLent = true;
            return first;
        }
        YoloDetector d = YoloDetector.open(config);
        d.useThreadFactory(threadFactory);
        detectors.add(d);
        return d;
    }

    /** @return the model's class names, indexed by class id */
    public List<String> classNames() {
        return first.classNames();
    }

    /** @return what the backend read from the model: tensor names, shapes, metadata */
    public ModelInfo info() {
        return first.model();
    }

    /** @return the backend the model runs on */
    public String backendName() {
        return first.backendName();
    }

    /** @return the settings its detectors are opened with */
    public YoloConfig config() {
        return config;
    }

    /** Closes every detector of this model; idempotent, throws nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            detectors.forEach(YoloDetector::close);
            detectors.clear();
        }
    }
}
