package dev.yolojava.tensorrt.internal;

import dev.yolojava.tensorrt.Precision;

import dev.yolojava.core.spi.BackendOptions;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The TensorRT backend's settings, read from the detector's options ({@code tensorrt.*} keys):
 * <ul>
 *   <li>{@code tensorrt.precision}: fp16 (default), fp32, int8</li>
 *   <li>{@code tensorrt.calibrationImages}: folder of images for int8 calibration</li>
 *   <li>{@code tensorrt.workspaceMiB}: builder workspace limit (default 1024)</li>
 *   <li>{@code tensorrt.optimizationLevel}: builder optimization level 0..5 (default 4: on an H100 its yolov8n FP16 engine ran 8% faster than level 3 and built in 230 s with the timing cache; lower builds faster)</li>
 *   <li>{@code tensorrt.cacheDir}: engine cache folder (default {@code $YOLO_ENGINE_CACHE} or ~/.cache/yolo-java/engines)</li>
 *   <li>{@code tensorrt.device}: CUDA device ordinal (default 0)</li>
 *   <li>{@code tensorrt.cudaGraph}: CUDA graphs (default true): the engine is captured per batch size, and a whole
 *       call (upload, letterbox, engine, decode + NMS, download) per frame geometry, the second time each comes,
 *       then replayed with one launch</li>
 *   <li>{@code tensorrt.gpuPreprocess}: letterbox on the GPU from 8-bit frames (default true)</li>
 *   <li>{@code tensorrt.gpuPostprocess}: decode + NMS on the GPU, copying back only the kept boxes (default true;
 *       YOLOv8/11 heads)</li>
 *   <li>{@code tensorrt.layerNvtx}: build engines with detailed profiling verbosity so each layer is an NVTX range (default false)</li>
 *   <li>{@code tensorrt.jpegDecoder}: where encoded JPEGs are decoded: {@code auto} (default: nvJPEG on the GPU's
 *       JPEG engines where it has them, H100/A100, into device memory the letterbox reads; else the CPU),
 *       {@code hardware} (the JPEG engines or an error), {@code gpu} (nvJPEG's CUDA decoder) or {@code cpu} (OpenCV
 *       into pinned memory uploaded without a staging copy); JPEGs the GPU decoder does not take go to the CPU</li>
 *   <li>{@code tensorrt.jpegLanes}: nvJPEG decoder states (each with a stream and a thread of its own) a batch of
 *       JPEGs is split over, decoding at once (default 4, at most the batch size; 1..16)</li>
 *   <li>{@code tensorrt.contexts}: execution contexts (each with a stream of its own) a batch is spread over when
 *       the engine's batch is smaller than the detector's, running at once (default 8, 1..16): a fixed batch-1
 *       engine runs a batch of 32 as 32 executions over these contexts (on an H100, 8 instead of 4 took batch 32
 *       from page-locked frames from 3,929–3,995 to 4,828–4,882 images/s; 16 gained no more)</li>
 *   <li>{@code tensorrt.jpegCpuAssist}: while nvJPEG decodes a batch, the CPU decodes a share of the JPEGs nvJPEG
 *       could take, at once, the share balanced call by call from both sides' measured pace so that they finish
 *       together (default false; slower where nvJPEG has JPEG engines: H200, batch 32, 2,460–2,650 images/s on
 *       against 3,593–3,758 off)</li>
 *   <li>{@code tensorrt.waitMode}: how a thread waits for its call's GPU work: {@code spin} (default: CUDA's own
 *       choice for a process with fewer GPUs than cores, a core busy for the whole wait, the lowest wake-up latency)
 *       or {@code block} (the thread sleeps on a blocking-sync event until the work is done, freeing the core: for
 *       many streams, where it gives the same frames/s at a ninth of the cores busy, and hosts short of cores; it
 *       costs batch-1 latency)</li>
 *   <li>{@code tensorrt.batchedEngine}: for a model exported with a fixed batch of 1 (most YOLO exports) and a
 *       detector batch above 1, build an engine that runs the whole batch in one execution: the model's batch is
 *       made dynamic first ({@code OnnxDynamicBatch}; graphs it cannot prove safe keep the per-image executions, with
 *       the reason logged). Default false: the engine is another build (minutes) per batch size</li>
 *   <li>{@code tensorrt.maxAuxStreams}: auxiliary streams the engine may run independent layers on, beside the call's
 *       own ({@code IBuilderConfig.setMaxAuxStreams}): {@code auto} (default: 4 for an engine that runs one image per
 *       execution, TensorRT's own heuristics for batched engines), {@code tensorrt} (TensorRT's heuristics, which gave
 *       the yolov8n batch-1 engine none) or 0..8 (0: one stream). On an H100 the yolov8n FP16 batch-1 engine with 4
 *       ran 0.430–0.432 ms against 0.463–0.464 ms with none, page-locked frames end to end 0.492–0.493 ms against
 *       0.562–0.597 ms, and batch 32 over 8 contexts 4,996–5,076 against 4,810–4,942 images/s (twelfth session; 2 and 8
 *       gained less). Another value is another engine (a build of minutes; seconds with a timing cache); {@code yolo
 *       bench} reports the engine's {@code auxStreams}</li>
 * </ul>
 *
 * @param precision         engine precision
 * @param calibrationImages int8 calibration folder, or null
 * @param workspaceBytes    builder workspace limit
 * @param optimizationLevel builder optimization level
 * @param cacheDir          engine cache folder
 * @param device            CUDA device
 * @param cudaGraph         use CUDA graphs
 * @param gpuPreprocess     letterbox on the GPU
 * @param gpuPostprocess    decode + NMS on the GPU
 * @param layerNvtx         per-layer NVTX ranges (detailed profiling verbosity)
 * @param jpegDecoder       auto, hardware, gpu or cpu
 * @param jpegLanes         nvJPEG decoder states a batch is split over
 * @param jpegCpuAssist     the CPU decodes a share of the JPEGs nvJPEG could take, at the same time
 * @param contexts          execution contexts a batch is spread over (fixed-batch engines)
 * @param batchedEngine     make a fixed batch of 1 dynamic, so that a batch runs as one execution
 * @param waitMode          spin or block: how a thread waits for its call's GPU work
 * @param maxAuxStreams     auxiliary streams the engine may use: 0..8, {@link #AUX_STREAMS_TENSORRT} or
 *                          {@link #AUX_STREAMS_AUTO}
 * @param maxBatch          largest batch
 */
public record TensorRtOptions(Precision precision, Path calibrationImages, long workspaceBytes, int optimizationLevel,
                              Path cacheDir, int device, boolean cudaGraph, boolean gpuPreprocess, boolean gpuPostprocess,
                              boolean layerNvtx, String jpegDecoder, int jpegLanes, boolean jpegCpuAssist, int contexts,
                              boolean batchedEngine, String waitMode, int maxAuxStreams, int maxBatch) {
    /** {@code tensorrt.maxAuxStreams=tensorrt}: TensorRT's own heuristics choose the auxiliary streams. */
    public static final int AUX_STREAMS_TENSORRT = -1;
    /** {@code tensorrt.maxAuxStreams=auto} (the default): {@link #auxStreamsFor(boolean)} decides per engine. */
    public static final int AUX_STREAMS_AUTO = -2;
    /** What {@code auto} gives an engine that runs one image per execution (measured best of 2, 4, 8 and none). */
    static final int SINGLE_IMAGE_AUX_STREAMS = 4;

    /** Every option key this backend reads. */
    public static final Set<String> KEYS = Set.of("tensorrt.precision", "tensorrt.calibrationImages",
            "tensorrt.workspaceMiB", "tensorrt.optimizationLevel", "tensorrt.cacheDir", "tensorrt.device",
            "tensorrt.cudaGraph", "tensorrt.gpuPreprocess", "tensorrt.gpuPostprocess", "tensorrt.layerNvtx",
            "tensorrt.jpegDecoder", "tensorrt.jpegLanes", "tensorrt.contexts", "tensorrt.batchedEngine", "tensorrt.jpegCpuAssist",
            "tensorrt.waitMode", "tensorrt.maxAuxStreams");

    /**
     * Validates the values, naming the option at fault.
     *
     * @param precision         engine precision
     * @param calibrationImages int8 calibration folder, or null
     * @param workspaceBytes    builder workspace limit
     * @param optimizationLevel builder optimization level
     * @param cacheDir          engine cache folder
     * @param device            CUDA device
     * @param cudaGraph         use CUDA graphs
     * @param gpuPreprocess     letterbox on the GPU
     * @param gpuPostprocess    decode + NMS on the GPU
     * @param layerNvtx         per-layer NVTX ranges (detailed profiling verbosity)
     * @param jpegDecoder       auto, hardware, gpu or cpu
     * @param jpegLanes         nvJPEG decoder states a batch is split over, 1..16
     * @param jpegCpuAssist     the CPU decodes a share of the JPEGs nvJPEG could take, at the same time
     * @param contexts          execution contexts a batch is spread over, 1..16
     * @param batchedEngine     make a fixed batch of 1 dynamic, so that a batch runs as one execution
     * @param waitMode          spin or block
     * @param maxAuxStreams     auxiliary streams the engine may use: 0..8, {@link #AUX_STREAMS_TENSORRT} or
     *                          {@link #AUX_STREAMS_AUTO}
     * @param maxBatch          largest batch
     */
    public TensorRtOptions {
        if (optimizationLevel < 0 || optimizationLevel > 5) {
            throw new IllegalArgumentException("tensorrt.optimizationLevel: expected 0..5, got " + optimizationLevel);
        }
        if (workspaceBytes < (1L << 20)) {
            throw new IllegalArgumentException("tensorrt.workspaceMiB: expected >= 1, got " + (workspaceBytes >> 20));
        }
        if (device < 0) {
            throw new IllegalArgumentException("tensorrt.device: expected >= 0, got " + device);
        }
        if (!Set.of("auto", "hardware", "gpu", "cpu").contains(jpegDecoder)) {
            throw new IllegalArgumentException("tensorrt.jpegDecoder: expected auto, hardware, gpu or cpu, got '" + jpegDecoder + "'");
        }
        if (jpegLanes < 1 || jpegLanes > 16) {
            throw new IllegalArgumentException("tensorrt.jpegLanes: expected 1..16, got " + jpegLanes);
        }
        if (!Set.of("spin", "block").contains(waitMode)) {
            throw new IllegalArgumentException("tensorrt.waitMode: expected spin or block, got '" + waitMode + "'");
        }
        if (maxAuxStreams < AUX_STREAMS_AUTO || maxAuxStreams > 8) {
            throw badAuxStreams(String.valueOf(maxAuxStreams));
        }
        if (contexts < 1 || contexts > 16) {
            throw new IllegalArgumentException("tensorrt.contexts: expected 1..16, got " + contexts);
        }
        if (precision == Precision.INT8 && calibrationImages == null) {
            throw new IllegalArgumentException("tensorrt.precision=int8 needs tensorrt.calibrationImages (a folder of images)");
        }
    }

    /**
     * Reads the {@code tensorrt.*} keys of {@code o}; unknown {@code tensorrt.} keys are an error.
     *
     * @param o the detector's backend options
     * @return the settings
     */
    public static TensorRtOptions from(BackendOptions o) {
        for (String k : o.properties().keySet()) {
            if (k.startsWith("tensorrt.") && !KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown option " + k + "; known: " + new java.util.TreeSet<>(KEYS));
            }
        }
        Map<String, String> p = o.properties();
        String env = System.getenv("YOLO_ENGINE_CACHE");
        Path defaultCache = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "yolo-java", "engines");
        String calib = p.get("tensorrt.calibrationImages");
        return new TensorRtOptions(Precision.parse(p.getOrDefault("tensorrt.precision", "fp16")),
                calib == null ? null : Path.of(calib),
                integer(p, "tensorrt.workspaceMiB", 1024) << 20,
                (int) integer(p, "tensorrt.optimizationLevel", 4),
                Path.of(p.getOrDefault("tensorrt.cacheDir", defaultCache.toString())),
                (int) integer(p, "tensorrt.device", 0),
                bool(p, "tensorrt.cudaGraph", true), bool(p, "tensorrt.gpuPreprocess", true),
                bool(p, "tensorrt.gpuPostprocess", true),
                bool(p, "tensorrt.layerNvtx", false),
                p.getOrDefault("tensorrt.jpegDecoder", "auto").trim().toLowerCase(Locale.ROOT),
                (int) integer(p, "tensorrt.jpegLanes", 4), bool(p, "tensorrt.jpegCpuAssist", false),
                (int) integer(p, "tensorrt.contexts", 8),
                bool(p, "tensorrt.batchedEngine", false),
                p.getOrDefault("tensorrt.waitMode", "spin").trim().toLowerCase(Locale.ROOT),
                auxStreams(p.get("tensorrt.maxAuxStreams")), o.maxBatchSize());
    }

    private static long integer(Map<String, String> p, String key, long def) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a whole number, got '" + v + "'");
        }
    }

    private static int auxStreams(String v) {
        if (v == null) {
            return AUX_STREAMS_AUTO;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUX_STREAMS_AUTO;
            case "tensorrt" -> AUX_STREAMS_TENSORRT;
            default -> {
                int n;
                try {
                    n = Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw badAuxStreams("'" + v + "'");
                }
                if (n < 0 || n > 8) { // -1 and -2 are this record's own codes, not values to ask for
                    throw badAuxStreams(String.valueOf(n));
                }
                yield n;
            }
        };
    }

    private static IllegalArgumentException badAuxStreams(String got) {
        return new IllegalArgumentException("tensorrt.maxAuxStreams: expected auto, tensorrt or 0..8, got " + got);
    }

    /**
     * @param singleImage whether the engine runs one image per execution (a fixed batch of 1)
     * @return the auxiliary-stream limit to build that engine with: 0..8, or {@link #AUX_STREAMS_TENSORRT}
     */
    public int auxStreamsFor(boolean singleImage) {
        if (maxAuxStreams != AUX_STREAMS_AUTO) {
            return maxAuxStreams;
        }
        return singleImage ? SINGLE_IMAGE_AUX_STREAMS : AUX_STREAMS_TENSORRT;
    }

    private static boolean bool(Map<String, String> p, String key, boolean def) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true or false, got '" + v + "'");
        };
    }

    /** @return whether a thread waits for its call's GPU work asleep on a blocking-sync event (else CUDA spins) */
    public boolean blockingWait() {
        return waitMode.equals("block");
    }
}
