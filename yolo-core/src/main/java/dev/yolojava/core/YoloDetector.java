package dev.yolojava.core;

import dev.yolojava.core.internal.ClassNames;

import dev.yolojava.core.internal.decode.DecodeOptions;
import dev.yolojava.core.internal.decode.OutputDecoder;
import dev.yolojava.core.internal.decode.OutputLayout;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.image.internal.Decoding;
import dev.yolojava.core.image.internal.ImageDecoders;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.internal.preprocess.LetterboxPreprocessor;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.spi.BackendProvider;
import dev.yolojava.core.spi.Backends;
import dev.yolojava.core.spi.DeviceDecodeSpec;
import dev.yolojava.core.spi.DeviceDecoding;
import dev.yolojava.core.spi.EncodedImageDecoding;
import dev.yolojava.core.spi.FrameInferenceBackend;
import dev.yolojava.core.spi.PipelinedBackend;
import dev.yolojava.core.spi.InferenceBackend;
import dev.yolojava.core.spi.ModelInfo;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Detects objects with a YOLO model. Build one with {@link #builder()}, reuse it for many images,
 * close it when done:
 * <pre>{@code
 * try (YoloDetector detector = YoloDetector.builder().model(Path.of("yolov8n.onnx")).build()) {
 *     for (Detection d : detector.detect(ImageIO.read(file))) {
 *         System.out.println(d);
 *     }
 * }
 * }</pre>
 * Calls are serialized (one backend context per detector): use one detector per thread, or a pool,
 * for parallelism. Every stage runs inside a profiler range ({@code yolo.preprocess},
 * {@code yolo.infer}, {@code yolo.postprocess}, all inside {@code yolo.detect}), and each call (a
 * pipelined frame too) is one step of the profiler's schedule, so a scheduled capture
 * ({@code YOLO_PROFILING_SCHEDULE}) needs no {@code Profiler.step()} in user code.
 */
public final class YoloDetector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(YoloDetector.class);

    private final InferenceBackend backend;
    private final YoloConfig config;
    private final List<String> classNames;
    private final OutputDecoder decoder;
    private final int inputWidth;
    private final int inputHeight;
    private final LetterboxPreprocessor preprocessor;
    private final FloatBuffer input;
    /** The backend's output to detections (one candidate list and NMS per batch slot, in parallel). */
    private final BatchPostprocessor postprocessor;
    /** The backend, when it decodes + runs NMS on the device; null when this detector decodes. */
    private final DeviceDecoding deviceDecoding;
    private final ReentrantLock lock = new ReentrantLock();
    /** Frames submitted through a {@link FramePipeline} and not yet completed, oldest first. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /**
     * Pipelined frames' futures to complete once the lock is released, so that callbacks the caller chained
     * ({@code thenAccept}) never run inside the detector's lock. Guarded by {@link #lock}.
     */
    private final List<Runnable> completions = new ArrayList<>();
    /** Direct buffers the CPU decoder writes into, one per batch position, reused from call to call. */
    private final ByteBuffer[] decodeBuffers;
    private volatile boolean closed;
    private final Diagnostics diagnostics = new Diagnostics(this);

    private YoloDetector(InferenceBackend backend, YoloConfig config) {
        this.backend = backend;
        this.config = config;
        ModelInfo info = backend.model();
        this.classNames = ClassNames.fromMetadata(info.metadata());
        this.inputWidth = info.inputWidth() > 0 ? info.inputWidth() : config.inputWidth();
        this.inputHeight = info.inputHeight() > 0 ? info.inputHeight() : config.inputHeight();
        if (config.inputWidth() > 0 && info.inputWidth() > 0 && config.inputWidth() != info.inputWidth()
                || config.inputHeight() > 0 && info.inputHeight() > 0 && config.inputHeight() != info.inputHeight()) {
            throw new ShapeMismatchException("inputSize " + config.inputWidth() + "x" + config.inputHeight()
                    + " does not fit model input '" + info.inputName() + "': expected " + info.inputWidth() + "x"
                    + info.inputHeight() + " (the model's input is fixed), got " + config.inputWidth() + "x" + config.inputHeight());
        }
        long[] out = info.outputShape();
        if (out.length == 3 && out[1] > 0 && out[2] > 0) {
            this.decoder = OutputLayout.detect(out, info.metadata().containsKey("names") ? classNames.size() : -1);
        } else {
            this.decoder = null; // dynamic output: detected on the first result
        }
        this.preprocessor = new LetterboxPreprocessor(inputWidth, inputHeight);
        this.input = ByteBuffer.allocateDirect(4 * config.batchSize() * preprocessor.imageSize())
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.decodeBuffers = new ByteBuffer[config.batchSize()];
        boolean[] classFilter = ClassSelection.filter(config.classIds(), config.classNames(), classNames,
                decoder != null ? decoder.numClasses() : classNames.size(), String.valueOf(config.model().getFileName()));
        this.deviceDecoding = decoder != null && decoder.needsNms() && backend instanceof DeviceDecoding d
                && d.enableDeviceDecoding(new DeviceDecodeSpec(decoder.layout(), decoder.numClasses(),
                config.confidenceThreshold(), config.iouThreshold(), config.maxDetections(), config.agnosticNms(),
                classFilter)) ? d : null;
        this.postprocessor = new BatchPostprocessor(decoder, classNames, deviceDecoding,
                new DecodeOptions(config.confidenceThreshold(), classFilter), config);
        LOG.info("YOLO detector ready: backend {}, model {}, input {}x{}, {} classes, layout {}, decode + NMS on {}",
                backend.name(), config.model().getFileName(), inputWidth, inputHeight, classNames.size(),
                decoder == null ? "from first output" : decoder.layout(), deviceDecoding != null ? "the device" : "the CPU");
    }

    /** @return a builder; {@link Builder#model} is the one required setting */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a detector with {@code config}: chooses the backend and loads the model.
     *
     * @param config the settings
     * @return the open detector; close it when done
     * @throws IllegalArgumentException naming an option the chosen backend does not know
     * @throws BackendNotFoundException when no usable backend is on the class path
     * @throws ModelLoadException       naming the model when it cannot be loaded
     */
    public static YoloDetector open(YoloConfig config) {
        java.util.Objects.requireNonNull(config, "config");
        List<BackendProvider> providers = Backends.providers();
        BackendProvider provider = Backends.select(config.backend() != null ? config.backend()
                : Backends.requestedByEnvironment(), providers);
        Backends.checkOptions(provider, config.properties(), providers);
        LOG.debug("backend chosen: {} (rank {})", provider.name(), provider.rank());
        InferenceBackend backend = provider.open(new BackendOptions(config.model(), config.batchSize(),
                config.inputWidth(), config.inputHeight(), config.properties()));
        try {
            return new YoloDetector(backend, config);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * Wraps an already opened backend (tests, custom backends). The detector owns it from now on.
     *
     * @param backend the opened backend
     * @param config  the settings (its backend and options are not used)
     * @return the detector
     */
    public static YoloDetector withBackend(InferenceBackend backend, YoloConfig config) {
        java.util.Objects.requireNonNull(backend, "backend");
        java.util.Objects.requireNonNull(config, "config");
        return new YoloDetector(backend, config);
    }

    /**
     * @param image the image
     * @return the detections in {@code image}, best first
     */
    public List<Detection> detect(BufferedImage image) {
        java.util.Objects.requireNonNull(image, "image");
        return detect(RawImage.of(image));
    }

    /**
     * Decodes and detects an encoded image. With the TensorRT backend JPEGs are decoded on the GPU
     * (nvJPEG) straight into device memory; other images, and every image on the CPU backend, with
     * OpenCV (libjpeg-turbo) into memory the backend reads without another copy.
     *
     * @param encodedImage the file's bytes (JPEG, PNG, BMP, WebP, TIFF)
     * @return the detections, best first
     * @throws InvalidImageException when the bytes are not a readable image or a JPEG is cut short
     */
    public List<Detection> detect(byte[] encodedImage) {
        java.util.Objects.requireNonNull(encodedImage, "encodedImage");
        return decodeAndDetect(List.of(encodedImage), List.of("encoded image (" + encodedImage.length + " bytes)")).get(0);
    }

    /**
     * Reads, decodes (as {@link #detect(byte[])} does) and detects an image file.
     *
     * @param file an image file
     * @return the detections, best first
     * @throws InvalidImageException naming the file when it is missing, unreadable or not an image
     */
    public List<Detection> detect(Path file) {
        java.util.Objects.requireNonNull(file, "file");
        return decodeAndDetect(List.of(RawImage.readBytes(file)), List.of(file.toString())).get(0);
    }

    /**
     * A frame in memory the backend reads without another copy, for callers that produce pixels themselves (a
     * camera SDK or video decoder writing into {@link RawImage#pixels()}): with TensorRT, page-locked memory the
     * upload reads directly (a frame anywhere else in host memory is first copied into staging, ~0.12 ms for
     * 768×576 on an H100 host); on the CPU backend, a direct buffer. Allocate the few frames you cycle through
     * once and reuse them: each call takes new memory, held until this detector closes. A frame may be refilled
     * once the call that read it has returned (for a {@link FramePipeline}, once its future completed).
     *
     * @param width  width in pixels, {@code > 0}
     * @param height height in pixels, {@code > 0}
     * @param format RGB or BGR
     * @return a zeroed frame, {@code 3 * width} bytes a row
     * @throws IllegalArgumentException naming the parameter when a size is not positive, the frame would exceed
     *                                  2 GiB, or the format is not interleaved
     * @throws IllegalStateException    when the detector is closed
     */
    public RawImage allocateFrame(int width, int height, PixelFormat format) {
        java.util.Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width, height: expected > 0, got " + width + "x" + height);
        }
        if (!format.interleaved()) {
            throw new IllegalArgumentException("format: expected RGB or BGR, got " + format);
        }
        long bytes = 3L * width * height;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("width, height: a " + width + "x" + height + " frame needs " + bytes
                    + " bytes, more than 2 GiB");
        }
        ensureOpen();
        java.nio.ByteBuffer b = backend instanceof FrameInferenceBackend f ? f.frameBuffer((int) bytes)
                : java.nio.ByteBuffer.allocateDirect((int) bytes);
        java.nio.ByteBuffer pixels = b.duplicate().clear().limit((int) bytes);
        for (int i = 0; i < bytes; i++) {
            pixels.put(i, (byte) 0);
        }
        return new RawImage(pixels, width, height, 3 * width, format);
    }

    /**
     * @param image a frame in host memory ({@link RawImage}) or, on a GPU backend, in device memory
     *              ({@link dev.yolojava.core.image.DeviceImage})
     * @return the detections in the frame, best first
     */
    public List<Detection> detect(Frame image) {
        java.util.Objects.requireNonNull(image, "image");
        return detectBatch(List.of(image)).get(0);
    }

    /**
     * Decodes and detects several encoded images, in batches of at most {@link YoloConfig#batchSize()}
     * (on the TensorRT backend, the JPEGs of a batch are decoded on the GPU together, and each batch decodes while
     * the previous one infers).
     *
     * @param encodedImages the files' bytes
     * @return one list per image, in order
     * @throws InvalidImageException naming the first image that cannot be decoded
     */
    public List<List<Detection>> detectEncoded(List<byte[]> encodedImages) {
        java.util.Objects.requireNonNull(encodedImages, "encodedImages");
        return detectEncoded(encodedImages, dev.yolojava.core.internal.ImageNames.encoded(encodedImages, 0));
    }

    /**
     * As {@link #detectEncoded(List)}, with the name each image goes by in errors (an upload's id, say).
     *
     * @param encodedImages the files' bytes
     * @param names         one name per image
     * @return one list per image, in order
     * @throws InvalidImageException    naming the first image that cannot be decoded
     * @throws IllegalArgumentException when the lists' sizes differ
     */
    public List<List<Detection>> detectEncoded(List<byte[]> encodedImages, List<String> names) {
        java.util.Objects.requireNonNull(encodedImages, "encodedImages");
        java.util.Objects.requireNonNull(names, "names");
        if (names.size() != encodedImages.size()) {
            throw new IllegalArgumentException("names: expected one per image (" + encodedImages.size() + "), got "
                    + names.size());
        }
        for (int i = 0; i < encodedImages.size(); i++) {
            if (encodedImages.get(i) == null) {
                throw new NullPointerException("encodedImages[" + i + "] is null");
            }
            if (names.get(i) == null) {
                throw new NullPointerException("names[" + i + "] is null");
            }
        }
        return decodeAndDetect(encodedImages, names);
    }

    /**
     * Reads, decodes and detects several image files, in batches of at most {@link YoloConfig#batchSize()}.
     *
     * @param files image files
     * @return one list per file, in order
     * @throws InvalidImageException naming the first file that is missing or cannot be decoded
     */
    public List<List<Detection>> detectFiles(List<Path> files) {
        java.util.Objects.requireNonNull(files, "files");
        List<byte[]> data = new ArrayList<>(files.size());
        List<String> names = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (f == null) {
                throw new NullPointerException("files[" + i + "] is null");
            }
            data.add(RawImage.readBytes(f));
            names.add(f.toString());
        }
        return decodeAndDetect(data, names);
    }

    private List<List<Detection>> decodeAndDetect(List<byte[]> data, List<String> names) {
        lock.lock();
        try {
            ensureOpen();
            drainLocked();
            PipelinedBackend twoDeep = twoDeep(data.size());
            if (twoDeep != null && backend instanceof EncodedImageDecoding d) {
                return decodeOverlapped(d, twoDeep, data, names);
            }
            List<List<Detection>> results = new ArrayList<>(data.size());
            for (int from = 0; from < data.size(); from += config.batchSize()) {
                int to = Math.min(data.size(), from + config.batchSize());
                List<? extends Frame> frames;
                try (ProfilerRange r = Profiler.range("yolo.decode")) {
                    r.attribute("batch", to - from);
                    frames = backend instanceof EncodedImageDecoding d ? d.decodeImages(data.subList(from, to),
                            names.subList(from, to)) : decodeOnCpu(data.subList(from, to), names.subList(from, to));
                }
                detectChunk(frames, results);
            }
            return results;
        } finally {
            unlockAndComplete();
            Profiler.step();
        }
    }

    /**
     * Many encoded images on a backend that decodes them itself and keeps two calls in flight
     * ({@link TwoDeepBatches}): each batch decodes (nvJPEG's engines, or the CPU) while the previous batch infers on
     * the GPU, instead of taking turns.
     */
    private List<List<Detection>> decodeOverlapped(EncodedImageDecoding decoding, PipelinedBackend pipelined,
                                                   List<byte[]> data, List<String> names) {
        return TwoDeepBatches.run(data.size(), config.batchSize(), pipelined, (from, to) -> {
            try (ProfilerRange r = Profiler.range("yolo.decode")) {
                r.attribute("batch", to - from);
                return decoding.decodeImages(data.subList(from, to), names.subList(from, to));
            }
        }, inputWidth, inputHeight, this::postprocessBatch);
    }

    /** @return the backend, where a list of {@code n} images runs two deep on it ({@link TwoDeepBatches}); else null */
    private PipelinedBackend twoDeep(int n) {
        return n > config.batchSize() && backend instanceof PipelinedBackend p && p.pipelineDepth() >= 2 ? p : null;
    }

    /**
     * CPU decode into this detector's reused direct buffers, one per batch position, one image after another (each
     * JPEG with restart markers in bands on several cores: {@link Decoding#bands()}).
     */
    private List<RawImage> decodeOnCpu(List<byte[]> data, List<String> names) {
        List<RawImage> frames = new ArrayList<>(data.size());
        int bands = Decoding.bands();
        for (int i = 0; i < data.size(); i++) {
            int slot = i;
            frames.add(ImageDecoders.get().decode(data.get(i), names.get(i), bytes -> {
                ByteBuffer b = decodeBuffers[slot];
                if (b == null || b.capacity() < bytes) {
                    b = ByteBuffer.allocateDirect(bytes);
                    decodeBuffers[slot] = b;
                }
                return b.clear().limit(bytes);
            }, bands));
        }
        return frames;
    }

    /**
     * Detects objects in several images, in batches of at most {@link YoloConfig#batchSize()} (on a backend that keeps
     * two calls in flight, TensorRT's, a list longer than a batch runs two deep: the next batch is staged and queued
     * while the previous one computes).
     *
     * @param images the images
     * @return one list per image, in order
     * @throws NullPointerException  naming the index of a null image
     * @throws IllegalStateException when the detector is closed
     */
    public List<List<Detection>> detectBatch(List<? extends Frame> images) {
        java.util.Objects.requireNonNull(images, "images");
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) == null) {
                throw new NullPointerException("images[" + i + "] is null");
            }
        }
        lock.lock();
        try {
            ensureOpen();
            if (images.isEmpty()) {
                return List.of();
            }
            drainLocked();
            PipelinedBackend twoDeep = twoDeep(images.size());
            if (twoDeep != null) { // the next batch is staged and queued while this one computes
                return TwoDeepBatches.run(images.size(), config.batchSize(), twoDeep, images::subList, inputWidth,
                        inputHeight, this::postprocessBatch);
            }
            List<List<Detection>> results = new ArrayList<>(images.size());
            for (int from = 0; from < images.size(); from += config.batchSize()) {
                detectChunk(images.subList(from, Math.min(images.size(), from + config.batchSize())), results);
            }
            return results;
        } finally {
            unlockAndComplete();
            Profiler.step(); // one schedule step per detector call: user code needs no step()
        }
    }

    /** Runs one chunk of at most batchSize frames inside its {@code yolo.detect} range. */
    private void detectChunk(List<? extends Frame> chunk, List<List<Detection>> results) {
        try (ProfilerRange r = Profiler.range("yolo.detect")) {
            r.attribute("batch", chunk.size());
            runChunk(chunk, results);
        }
    }

    private void runChunk(List<? extends Frame> chunk, List<List<Detection>> results) {
        int n = chunk.size();
        List<Letterbox> boxes = new ArrayList<>(n);
        OutputTensor out;
        if (backend instanceof FrameInferenceBackend frames) {
            for (Frame img : chunk) {
                boxes.add(Letterbox.compute(img.width(), img.height(), inputWidth, inputHeight));
            }
            try (ProfilerRange r = Profiler.range("yolo.infer")) {
                out = frames.inferFrames(chunk, boxes);
            }
        } else {
            try (ProfilerRange r = Profiler.range("yolo.preprocess")) {
                for (int i = 0; i < n; i++) {
                    if (!(chunk.get(i) instanceof RawImage host)) {
                        throw new InvalidImageException("image " + i + " is in GPU memory (DeviceImage); the "
                                + backend.name() + " backend reads host memory: pass a RawImage, or use the tensorrt backend");
                    }
                    boxes.add(preprocessor.process(host, input, i * preprocessor.imageSize()));
                }
            }
            try (ProfilerRange r = Profiler.range("yolo.infer")) {
                out = backend.infer(input, n);
            }
        }
        postprocessor.batch(out, boxes, n, results);
    }

    /** Decodes and suppresses a batch's output into one detection list per image, appended to {@code results}. */
    private void postprocessBatch(OutputTensor out, List<Letterbox> boxes, List<List<Detection>> results) {
        postprocessor.batch(out, boxes, boxes.size(), results);
    }

    /** A pipelined frame: its pending inference, its letterbox and its caller's future. */
    private record InFlight(PipelinedBackend.PendingOutput pending, Letterbox box,
                            CompletableFuture<List<Detection>> result,
                            java.util.concurrent.atomic.AtomicReference<Runnable> completion, Runnable inSubmitter) {
        /** @param pending the call; the completion later runs inside the profiler range open at submit */
        static InFlight of(PipelinedBackend.PendingOutput pending, Letterbox box) {
            var completion = new java.util.concurrent.atomic.AtomicReference<Runnable>();
            return new InFlight(pending, box, new CompletableFuture<>(), completion,
                    Profiler.wrap(() -> completion.get().run()));
        }

        /** Completes the future (and so runs the callbacks chained on it) inside the submitter's range. */
        void complete(Runnable how) {
            completion.set(how);
            inSubmitter.run();
        }
    }

    /**
     * Opens a double-buffered pipeline over this detector (see {@link FramePipeline}).
     *
     * @return a pipeline; close it to complete the frames still in flight
     */
    public FramePipeline pipeline() {
        ensureOpen();
        return new FramePipeline(this);
    }

    /**
     * Detects every frame of a video, in order, through a double-buffered {@link FramePipeline}.
     *
     * @param source the frames (a file or stream through {@link dev.yolojava.core.video.FfmpegVideoSource}, or
     *               any {@link dev.yolojava.core.video.VideoSource})
     * @return the frames' detections, as an iterator; close it when done
     */
    public dev.yolojava.core.video.VideoDetections stream(dev.yolojava.core.video.VideoSource source) {
        return new dev.yolojava.core.video.VideoDetections(this, source);
    }

    int pipelineDepth() {
        return backend instanceof PipelinedBackend p ? p.pipelineDepth() : 1;
    }

    CompletableFuture<List<Detection>> submitToPipeline(Frame frame) {
        java.util.Objects.requireNonNull(frame, "frame");
        lock.lock();
        try {
            ensureOpen();
            if (!(backend instanceof PipelinedBackend p)) {
                return CompletableFuture.completedFuture(detectBatch(List.of(frame)).get(0));
            }
            while (inFlight.size() >= p.pipelineDepth()) {
                completeOldest();
            }
            Letterbox box = Letterbox.compute(frame.width(), frame.height(), inputWidth, inputHeight);
            PipelinedBackend.PendingOutput pending;
            try (ProfilerRange r = Profiler.range("yolo.submit")) {
                pending = p.submitFrames(List.of(frame), List.of(box));
            }
            InFlight f = InFlight.of(pending, box);
            inFlight.add(f);
            return f.result();
        } finally {
            unlockAndComplete();
            Profiler.step();
        }
    }

    void drainPipeline() {
        lock.lock();
        try {
            drainLocked();
        } finally {
            unlockAndComplete();
        }
    }

    /** Releases the lock, then completes the futures that draining the pipeline finished. */
    private void unlockAndComplete() {
        List<Runnable> done = completions.isEmpty() ? List.of() : new ArrayList<>(completions);
        completions.clear();
        lock.unlock();
        done.forEach(Runnable::run);
    }

    /** @return whether this thread holds the detector's lock (for tests of callback threading) */
    boolean lockHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    private void drainLocked() {
        while (!inFlight.isEmpty()) {
            completeOldest();
        }
    }

    /** Awaits and post-processes the oldest pipelined frame; a failure completes its future exceptionally. */
    private void completeOldest() {
        InFlight f = inFlight.poll();
        try {
            OutputTensor out;
            try (ProfilerRange r = Profiler.range("yolo.await")) {
                out = f.pending().await();
            }
            try (ProfilerRange r = Profiler.range("yolo.postprocess")) {
                List<Detection> dets = postprocessor.one(out, f.box());
                completions.add(() -> f.complete(() -> f.result().complete(dets)));
            }
        } catch (RuntimeException e) {
            completions.add(() -> f.complete(() -> f.result().completeExceptionally(e)));
        }
    }

    /** Sets what makes the post-processing threads (before the first batch needs them); null keeps the default. */
    void useThreadFactory(java.util.concurrent.ThreadFactory factory) {
        postprocessor.useThreadFactory(factory);
    }

    /**
     * The backend as one of its own types, for what only that backend offers (the TensorRT backend's
     * engine file, say), without casting.
     *
     * @param <T>  the type wanted
     * @param type the backend class or capability interface
     * @return the backend, if it is a {@code type}
     */
    public <T> java.util.Optional<T> unwrap(Class<T> type) {
        java.util.Objects.requireNonNull(type, "type");
        return type.isInstance(backend) ? java.util.Optional.of(type.cast(backend)) : java.util.Optional.empty();
    }

    /** @return the model's class names, indexed by class id */
    public List<String> classNames() {
        return classNames;
    }

    /** @return what the backend read from the model */
    public ModelInfo model() {
        return backend.model();
    }

    /**
     * @return the CUDA device this detector runs on and whose {@link dev.yolojava.core.image.DeviceImage} frames it
     *         reads, or empty when it takes no frames in GPU memory (the CPU backend)
     */
    public java.util.OptionalInt cudaDevice() {
        int d = backend instanceof FrameInferenceBackend f ? f.cudaDevice() : -1;
        return d >= 0 ? java.util.OptionalInt.of(d) : java.util.OptionalInt.empty();
    }

    /** @return the name of the backend in use */
    public String backendName() {
        return backend.name();
    }

    /**
     * @return what a benchmark or a health check reads of this detector (engine timing, per-stage device
     *         times, where decoding runs), apart from the detection API
     */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    java.util.Map<String, String> backendDetails() {
        lock.lock();
        try {
            ensureOpen();
            // a copy in the backend's order (Map.copyOf would scramble what a benchmark record prints)
            return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(backend.describe()));
        } finally {
            unlockAndComplete();
        }
    }

    double[] engineTimes(int batch, int iterations) {
        lock.lock();
        try {
            ensureOpen();
            return backend instanceof dev.yolojava.core.spi.EngineTimer t ? t.timeEngine(batch, iterations) : null;
        } finally {
            unlockAndComplete();
        }
    }

    boolean decodesOnDevice() {
        return deviceDecoding != null;
    }

    boolean stageTiming(boolean on) {
        lock.lock();
        try {
            ensureOpen();
            if (backend instanceof dev.yolojava.core.spi.StageTimings t) {
                t.setStageTiming(on);
                return true;
            }
            return false;
        } finally {
            unlockAndComplete();
        }
    }

    java.util.Map<String, Double> lastStageMillis() {
        lock.lock();
        try {
            return backend instanceof dev.yolojava.core.spi.StageTimings t && !closed ? t.lastStageMillis() : java.util.Map.of();
        } finally {
            unlockAndComplete();
        }
    }

    /** @return the configuration this detector was built with */
    public YoloConfig config() {
        return config;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("YoloDetector is closed");
        }
    }

    /** Frees the backend; idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                drainLocked();
                closed = true;
                backend.close();
                postprocessor.close();
            }
        } finally {
            unlockAndComplete();
        }
    }

    /**
     * Builds a {@link YoloDetector} (or its {@link YoloConfig}); every setter checks its argument.
     * Made by {@link YoloDetector#builder()}.
     */
    public static final class Builder {
        private java.util.concurrent.ThreadFactory threadFactory;
        private Path model;
        private String backend;
        private float confidence = 0.25f;
        private float iou = 0.45f;
        private int maxDetections = 300;
        private final Set<Integer> classIds = new TreeSet<>();
        private final Set<String> classNames = new LinkedHashSet<>();
        private boolean agnostic;
        private int inputWidth;
        private int inputHeight;
        private int batchSize = 1;
        private final Map<String, String> properties = new LinkedHashMap<>();

        Builder() {
        }

        /**
         * @param model path of the model file (ONNX, or a backend's own format); required
         * @return this builder
         */
        public Builder model(Path model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * @param backend {@code onnxruntime}, {@code tensorrt}, or null/"auto" to choose by rank
         * @return this builder
         */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /**
         * @param threshold minimum score, in [0, 1]
         * @return this builder
         */
        public Builder confidenceThreshold(float threshold) {
            this.confidence = unit("confidenceThreshold", threshold);
            return this;
        }

        /**
         * @param threshold NMS IoU threshold, in [0, 1]
         * @return this builder
         */
        public Builder iouThreshold(float threshold) {
            this.iou = unit("iouThreshold", threshold);
            return this;
        }

        /**
         * @param max most detections per image, {@code >= 1}
         * @return this builder
         */
        public Builder maxDetections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDetections must be >= 1, got " + max);
            }
            this.maxDetections = max;
            return this;
        }

        /**
         * Keeps only these class ids (others are dropped before NMS); empty or null keeps all. Ids are
         * checked against the model's number of classes when the detector opens.
         *
         * @param classIds class ids, each {@code >= 0}
         * @return this builder
         */
        public Builder classes(Collection<Integer> classIds) {
            this.classIds.clear();
            if (classIds != null) {
                for (Integer c : classIds) {
                    if (c == null || c < 0) {
                        throw new IllegalArgumentException("classes must be class ids >= 0, got " + c);
                    }
                    this.classIds.add(c);
                }
            }
            return this;
        }

        /**
         * Keeps only the classes of these names (as the model names them, e.g. {@code person}); empty or
         * null keeps all. Names are resolved against the model's class names when the detector opens; an
         * unknown name is an error listing the model's names. Combines with {@link #classes(Collection)}.
         *
         * @param names class names
         * @return this builder
         */
        public Builder classNames(Collection<String> names) {
            this.classNames.clear();
            if (names != null) {
                for (String n : names) {
                    if (n == null || n.isBlank()) {
                        throw new IllegalArgumentException("classNames must be non-empty names, got '" + n + "'");
                    }
                    this.classNames.add(n.trim());
                }
            }
            return this;
        }

        /**
         * @param agnostic suppress overlapping boxes across classes
         * @return this builder
         */
        public Builder agnosticNms(boolean agnostic) {
            this.agnostic = agnostic;
            return this;
        }

        /**
         * The input size for models whose input height and width are dynamic (default: the model's
         * {@code imgsz} metadata); a model with a fixed input refuses any other size.
         *
         * @param width  input width, a positive multiple of 32
         * @param height input height, a positive multiple of 32
         * @return this builder
         */
        public Builder inputSize(int width, int height) {
            if (width <= 0 || height <= 0 || width % 32 != 0 || height % 32 != 0) {
                throw new IllegalArgumentException("inputSize must be positive multiples of 32, got " + width + "x" + height);
            }
            this.inputWidth = width;
            this.inputHeight = height;
            return this;
        }

        /**
         * @param size the largest batch run at once, {@code >= 1}
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Sets a backend-specific option, e.g. {@code option("tensorrt.precision", "fp16")}; the chosen
         * backend rejects keys of its own it does not know when the detector opens.
         *
         * @param key   {@code <backend>.<option>}
         * @param value the value, checked by the backend
         * @return this builder
         */
        public Builder option(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            properties.put(key, value);
            return this;
        }

        /** @return the configuration; @throws IllegalStateException when no model was set */
        public YoloConfig config() {
            if (model == null) {
                throw new IllegalStateException("model is required: call builder().model(Path)");
            }
            return new YoloConfig(model, backend, confidence, iou, maxDetections, classIds, classNames, agnostic,
                    inputWidth, inputHeight, batchSize, properties);
        }

        /**
         * @return the model loaded once, handing out a detector per thread; see {@link YoloModel}
         */
        public YoloModel loadModel() {
            return YoloModel.load(config(), threadFactory);
        }

        /**
         * @param factory makes the threads a detector uses to post-process a batch's images in parallel (default:
         *                daemon threads named {@code yolo-postprocess-N}, started on the first such batch)
         * @return this builder
         */
        public Builder threadFactory(java.util.concurrent.ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
            return this;
        }

        /** @return an open detector; see {@link YoloDetector#open(YoloConfig)} */
        public YoloDetector build() {
            YoloDetector d = YoloDetector.open(config());
            d.useThreadFactory(threadFactory);
            return d;
        }

        private static float unit(String name, float v) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
            }
            return v;
        }
    }
}
