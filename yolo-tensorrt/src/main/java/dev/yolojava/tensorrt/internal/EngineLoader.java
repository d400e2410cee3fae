package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.internal.IntProperty;
import dev.yolojava.core.internal.onnx.OnnxDynamicBatch;
import dev.yolojava.core.internal.onnx.OnnxMetadataReader;
import dev.yolojava.tensorrt.TensorRtException;
import dev.yolojava.tensorrt.internal.TensorRtOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds the engine for a model: a given engine file, or for ONNX the engine cache's entry for this model,
 * TensorRT version, GPU and settings, built (and stored) on a miss; then opens an {@link EngineSession} on it.
 */
public final class EngineLoader {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoader.class);
    /**
     * Optimization profiles of the dynamic-batch engines built here: 1, shared by every execution context of the
     * engine ({@link OptimizationProfiles}); more would only lengthen the build (4 profiles: 185 s at level 2 on an
     * H200 against 154 s for 1; 840 s at level 4 on an H100, where 1 is not measured yet). The system property
     * {@code yolo.tensorrt.engineProfiles} (1–16) builds more, for comparing; read at each load, so that a bad value
     * is an {@link IllegalArgumentException} naming it there.
     */
    static int dynamicProfiles() {
        return IntProperty.get("yolo.tensorrt.engineProfiles", 1, 1, 16);
    }

    private EngineLoader() {
    }

    /**
     * Loads {@code model} (an engine file, or ONNX through the cache, building on a miss).
     *
     * @param model      the model file
     * @param engineFile whether {@code model} is a serialized engine
     * @param opts       settings
     * @param gpu        the device (current on this thread)
     */
    public static EngineSession open(Path model, boolean engineFile, TensorRtOptions opts, GpuInfo gpu) {
        int device = gpu.device();
        if (engineFile) {
            LoadedEngines.Loaded l = LoadedEngines.find(device, model);
            if (l == null) {
                l = LoadedEngines.load(device, model, readAll(model));
            }
            if (l == null) {
                throw new TensorRtException("cannot load engine file " + model + ": " + TrtLogger.get().lastError()
                        + "; an engine only runs on the TensorRT version (this is " + gpu.tensorRtVersion()
                        + ") and GPU (" + gpu.name() + ") it was built for: rebuild it from the ONNX model");
            }
            return new EngineSession(device, l, opts, model, true);
        }
        long[] in = OnnxMetadataReader.inputShape(model);
        if (in.length != 4 || (in[1] > 0 && in[1] != 3)) {
            throw ShapeMismatchException.of("model input of " + model.getFileName(), "[B,3,H,W]", in);
        }
        if (in[2] <= 0 || in[3] <= 0) {
            throw new ShapeMismatchException("model input of " + model.getFileName() + ": expected a fixed height and"
                    + " width on TensorRT, got " + java.util.Arrays.toString(in) + " (dynamic); export the model with a"
                    + " fixed imgsz, or use the onnxruntime backend with an input size (CLI --imgsz)");
        }
        int h = (int) in[2], w = (int) in[3];
        boolean dynamic = in[0] < 0;
        if (!dynamic && wantsBatchedEngine(model, in[0], opts)) {
            try { // the model is read and rewritten only when its engine is not cached yet
                return open(model, () -> batchRewrite(model, opts), true, 1, opts, gpu, h, w);
            } catch (UnsupportedOperationException e) {
                LOG.warn("tensorrt.batchedEngine: {}; running each image of a batch as an execution of its own",
                        e.getMessage());
            } catch (RuntimeException e) { // the rewritten graph did not build: the fixed batch still runs
                LOG.warn("tensorrt.batchedEngine: the engine with a dynamic batch did not build ({}); running each image"
                        + " of a batch as an execution of the model's own engine", e.getMessage());
            }
        }
        return open(model, null, dynamic, (int) in[0], opts, gpu, h, w);
    }

    /**
     * @return whether {@code tensorrt.batchedEngine} asks for a model with a fixed batch of 1 to be made dynamic for a
     *         detector whose batch is larger (when it does not and the batch is 8 or more, logs how to)
     */
    private static boolean wantsBatchedEngine(Path model, long batch, TensorRtOptions opts) {
        if (batch != 1 || opts.maxBatch() < 2) {
            return false;
        }
        if (!opts.batchedEngine() && opts.maxBatch() >= 8) {
            LOG.info("{} has a fixed batch of 1: a batch of {} runs as {} executions over {} execution contexts;"
                    + " tensorrt.batchedEngine=true runs it as one (an H100 ran batch 32 in 2.95 ms instead of 6.0;"
                    + " one engine build per batch size, minutes)",
                    model.getFileName(), opts.maxBatch(), opts.maxBatch(),
                    Math.min(opts.contexts(), opts.maxBatch()));
        }
        return opts.batchedEngine();
    }

    /**
     * @return the model with its fixed batch of 1 made dynamic
     * @throws UnsupportedOperationException naming what in the graph keeps it from a dynamic batch
     */
    private static byte[] batchRewrite(Path model, TensorRtOptions opts) {
        try {
            byte[] r = OnnxDynamicBatch.rewrite(Files.readAllBytes(model), model.getFileName().toString());
            LOG.info("tensorrt.batchedEngine: {} has a fixed batch of 1; made dynamic, so that batches of up to {} run in"
                    + " one execution (its engine is built now, minutes, then cached)",
                    model.getFileName(), opts.maxBatch());
            return r;
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds or builds the engine of {@code model} ({@code rewritten}: the model with its batch made dynamic, made and
     * parsed instead of the file only when the engine has to be built) and opens a session on it.
     */
    private static EngineSession open(Path model, java.util.function.Supplier<byte[]> rewritten, boolean dynamic,
                                      int fixedBatch, TensorRtOptions opts, GpuInfo gpu, int h, int w) {
        int device = gpu.device();
        int batch = dynamic ? opts.maxBatch() : fixedBatch;
        String precision = opts.precision().name().toLowerCase(java.util.Locale.ROOT);
        List<Path> calibration = null;
        if (opts.precision() == dev.yolojava.tensorrt.Precision.INT8) {
            calibration = Int8Calibration.images(opts.calibrationImages());
            precision += "-" + Int8Calibration.digest(calibration); // another image set, another engine
        }
        EngineKey key = new EngineKey(sha256(model), gpu.tensorRtVersion(), gpu.name(), gpu.computeCapability(),
                precision, dynamic ? 1 : batch, batch, batch,
                h, w, opts.optimizationLevel(), opts.layerNvtx(), dynamic ? dynamicProfiles() : 1, rewritten != null,
                opts.auxStreamsFor(!dynamic && batch == 1));
        EngineCache cache = new EngineCache(opts.cacheDir());
        String name = model.getFileName().toString();
        Path file = cache.engineFile(name, key);
        LoadedEngines.Loaded l = LoadedEngines.find(device, file);
        boolean cached = true;
        if (l == null) {
            byte[] bytes = cache.load(name, key);
            if (bytes != null) {
                l = LoadedEngines.load(device, file, bytes);
                if (l == null) {
                    LOG.warn("cached engine {} does not deserialize ({}); rebuilding", file, TrtLogger.get().lastError());
                    cache.evict(name, key);
                } else {
                    LOG.info("engine cache hit: {}", file);
                }
            }
        }
        if (l == null) {
            cached = false;
            byte[] onnx = rewritten == null ? null : rewritten.get(); // refused graphs fail here, before calibrating
            Map<String, Float> ranges = calibration == null ? null : Int8Calibration.ranges(model, calibration, w, h,
                    cache.calibrationTable(name, key));
            byte[] bytes = EngineBuilder.build(model, key, opts, cache.timingCacheFile(key), ranges, onnx);
            cache.store(name, key, bytes);
            l = LoadedEngines.load(device, file, bytes);
            if (l == null) {
                throw new TensorRtException("IRuntime.deserializeCudaEngine failed on a fresh build of " + model
                        + ": " + TrtLogger.get().lastError());
            }
        }
        EngineSession session = new EngineSession(device, l, opts, file, cached);
        writeLayers(session.layers(), file);
        return session;
    }

    /**
     * Writes the engine's layer report beside it ({@code <engine>.layers.json}) once: what TensorRT built, for a
     * person asking why the engine takes the time it does. A file already there is left as it is.
     */
    private static void writeLayers(EngineLayers layers, Path engineFile) {
        if (layers == null || engineFile == null) {
            return;
        }
        Path f = engineFile.resolveSibling(engineFile.getFileName() + ".layers.json");
        if (Files.exists(f)) {
            return;
        }
        try {
            EngineCache.write(f, layers.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            LOG.info("engine layers: {} after fusion, {} of them reformats ({} at the network's input/output); report {}",
                    layers.layers(), layers.reformats(), layers.ioReformats(), f);
        } catch (IOException e) {
            LOG.debug("could not write the layer report {}: {}", f, e.toString());
        }
    }

    private static byte[] readAll(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read engine file " + f + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path f) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + f + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
