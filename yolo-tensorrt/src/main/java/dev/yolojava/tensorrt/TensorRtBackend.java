package dev.yolojava.tensorrt;

import dev.yolojava.tensorrt.internal.TensorRtOptions;

import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.internal.onnx.OnnxMetadataReader;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.spi.DeviceDecodeSpec;
import dev.yolojava.core.spi.DeviceDecoding;
import dev.yolojava.core.spi.EncodedImageDecoding;
import dev.yolojava.core.spi.EngineTimer;
import dev.yolojava.core.spi.PipelinedBackend;
import dev.yolojava.core.spi.ModelInfo;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.core.spi.StageTimings;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerRange;
import dev.yolojava.tensorrt.internal.EngineLoader;
import dev.yolojava.tensorrt.internal.EngineSession;
import dev.yolojava.tensorrt.internal.GpuInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * YOLO on TensorRT: builds (or loads from the engine cache) an engine for the model, letterboxes
 * 8-bit frames on the GPU, runs the engine from pinned, stream-ordered buffers, and decodes + runs
 * NMS on the GPU too (YOLOv8/11 heads), so only the kept boxes are copied back; other heads hand
 * the raw output to the detector's decoder. Batches run as one dynamic-batch enqueue when the model allows,
 * else spread over several execution contexts and streams that run concurrently. Submitted calls
 * ({@link dev.yolojava.core.FramePipeline}) alternate between two such slot groups, so one frame
 * uploads while the previous one computes.
 */
public final class TensorRtBackend implements PipelinedBackend, DeviceDecoding, EncodedImageDecoding, EngineTimer,
        StageTimings {
    private static final Logger LOG = LoggerFactory.getLogger(TensorRtBackend.class);
    private final EngineSession session;
    private final ModelInfo info;
    private final Path model;
    private final boolean gpuPostprocess;
    private final Map<String, String> details;
    private boolean closed;

    private TensorRtBackend(EngineSession session, ModelInfo info, Path model, boolean gpuPostprocess,
                            Map<String, String> details) {
        this.details = details;
        this.session = session;
        this.info = info;
        this.model = model;
        this.gpuPostprocess = gpuPostprocess;
    }

    static TensorRtBackend open(BackendOptions options) {
        Path model = options.model();
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("model file not found: " + model.toAbsolutePath());
        }
        TensorRtOptions opts = TensorRtOptions.from(options);
        String file = model.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean engineFile = file.endsWith(".engine") || file.endsWith(".plan") || file.endsWith(".trt");
        Map<String, String> metadata = engineFile ? Map.of() : OnnxMetadataReader.read(model);
        GpuInfo gpu = GpuInfo.query(opts.device());
        EngineSession s = EngineLoader.open(model, engineFile, opts, gpu);
        try {
            long[] in = s.inputShape();
            long[] out = s.outputShape();
            ModelInfo info = new ModelInfo(s.inputName(), in, s.outputName(), out, metadata);
            LOG.info("TensorRT {} on {} (sm_{}{}): {} -> {}, {} slot(s), precision {}, CUDA graphs {}, GPU letterbox {}",
                    gpu.tensorRtVersion(), gpu.name(), gpu.major(), gpu.minor(), java.util.Arrays.toString(in),
                    java.util.Arrays.toString(out), s.slots(), opts.precision(), opts.cudaGraph() ? "on" : "off",
                    s.gpuPreprocess() ? "on" : "off");
            return new TensorRtBackend(s, info, model, opts.gpuPostprocess(), details(gpu, opts, s));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return TensorRtProvider.NAME;
    }

    /** What a benchmark record should say of this backend: the GPU, the libraries and the settings that change speed. */
    private static Map<String, String> details(GpuInfo gpu, TensorRtOptions opts, EngineSession s) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("device", gpu.name());
        d.put("cudaDevice", String.valueOf(gpu.device()));
        d.put("computeCapability", gpu.computeCapability());
        int v = gpu.tensorRtVersion();
        d.put("tensorrt", (v / 10000) + "." + (v / 100 % 100) + "." + (v % 100));
        try (org.bytedeco.javacpp.IntPointer n = new org.bytedeco.javacpp.IntPointer(1)) {
            if (org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion(n) == 0) {
                d.put("cudaRuntime", n.get() / 1000 + "." + n.get() % 1000 / 10);
            }
            if (org.bytedeco.cuda.global.cudart.cudaDriverGetVersion(n) == 0) {
                d.put("cudaDriverApi", n.get() / 1000 + "." + n.get() % 1000 / 10);
            }
        }
        d.put("precision", opts.precision().name().toLowerCase(java.util.Locale.ROOT));
        d.put("optimizationLevel", String.valueOf(opts.optimizationLevel()));
        d.put("cudaGraph", String.valueOf(opts.cudaGraph()));
        d.put("waitMode", opts.waitMode());
        d.put("gpuPreprocess", String.valueOf(s.gpuPreprocess()));
        d.put("gpuPostprocess", String.valueOf(opts.gpuPostprocess()));
        d.put("jpegDecoder", opts.jpegDecoder());
        d.put("jpegLanes", String.valueOf(opts.jpegLanes()));
        d.put("jpegCpuAssist", String.valueOf(opts.jpegCpuAssist()));
        d.put("contexts", String.valueOf(s.slots()));
        d.put("engineBatch", s.engineBatch());
        d.put("auxStreams", String.valueOf(s.auxStreams()));
        if (s.layers() != null) {
            d.put("engineLayers", String.valueOf(s.layers().layers()));
            d.put("reformatLayers", s.layers().reformats() + " (" + s.layers().ioReformats() + " at input/output)");
        }
        d.put("engine", s.engineFile() == null ? "" : s.engineFile().getFileName() + (s.fromCache() ? " (from cache)" : " (built)"));
        return java.util.Collections.unmodifiableMap(d);
    }

    @Override
    public Map<String, String> describe() {
        return details;
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public OutputTensor infer(FloatBuffer input, int batch) {
        ensureOpen();
        try (ProfilerRange r = Profiler.range("trt.infer")) {
            r.attribute("batch", batch);
            return session.runTensor(input, batch);
        }
    }

    @Override
    public OutputTensor inferFrames(List<? extends Frame> frames, List<Letterbox> letterboxes) {
        checkFrames(frames, letterboxes);
        try (ProfilerRange r = Profiler.range("trt.inferFrames")) {
            r.attribute("batch", frames.size());
            return session.runFrames(frames, letterboxes);
        }
    }

    @Override
    public java.nio.ByteBuffer frameBuffer(int bytes) {
        ensureOpen();
        return session.frameBuffer(bytes);
    }

    @Override
    public int cudaDevice() {
        return session.device();
    }

    @Override
    public int pipelineDepth() {
        return session.pipelineDepth();
    }

    @Override
    public PendingOutput submitFrames(List<? extends Frame> frames, List<Letterbox> letterboxes) {
        checkFrames(frames, letterboxes);
        try (ProfilerRange r = Profiler.range("trt.submitFrames")) {
            r.attribute("batch", frames.size());
            EngineSession.Pending p = session.submitFrames(frames, letterboxes);
            return p::await;
        }
    }

    @Override
    public List<Frame> decodeImages(List<byte[]> images, List<String> names) {
        ensureOpen();
        try (ProfilerRange r = Profiler.range("trt.decodeImages")) {
            r.attribute("batch", images.size());
            return session.decodeImages(images, names);
        }
    }

    /** @return images decoded by nvJPEG and on the CPU so far */
    public long[] decodedImages() {
        return session.decodedImages();
    }

    @Override
    public boolean enableDeviceDecoding(DeviceDecodeSpec spec) {
        ensureOpen();
        return gpuPostprocess && session.enableDeviceDecoding(spec);
    }

    @Override
    public boolean deviceDetections(int image, Candidates out) {
        return !closed && session.deviceDetections(image, out);
    }

    /** @return calls whose output was decoded on the CPU because an image had too many candidates for the GPU */
    public long deviceDecodeOverflows() {
        return session.deviceDecodeOverflows();
    }

    @Override
    public double[] timeEngine(int batch, int iterations) {
        ensureOpen();
        return session.timeEngine(batch, iterations);
    }

    @Override
    public void setStageTiming(boolean on) {
        session.setStageTiming(on);
    }

    @Override
    public Map<String, Double> lastStageMillis() {
        return session.lastStageMillis();
    }

    /** @return the engine file in use (cached or given) */
    public Path engineFile() {
        return session.engineFile();
    }

    /** @return whether the engine came from the cache (or an engine file) rather than a build */
    public boolean engineFromCache() {
        return session.fromCache();
    }

    private void checkFrames(List<? extends Frame> frames, List<Letterbox> letterboxes) {
        ensureOpen();
        if (frames.size() != letterboxes.size()) {
            throw ShapeMismatchException.of("letterboxes", frames.size() + " (one per frame)", new long[]{letterboxes.size()});
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TensorRT backend for " + model + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }
}
