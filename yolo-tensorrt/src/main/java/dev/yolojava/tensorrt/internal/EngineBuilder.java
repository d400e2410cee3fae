package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.ModelLoadException;
import dev.yolojava.tensorrt.Precision;
import dev.yolojava.tensorrt.TensorRtException;
import dev.yolojava.tensorrt.internal.TensorRtOptions;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvinfer.ITimingCache;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import static org.bytedeco.tensorrt.global.nvinfer.MemoryPoolType;
import static org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import static org.bytedeco.tensorrt.global.nvinfer.ProfilingVerbosity;
import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

/** Builds a serialized engine from an ONNX file, logging progress, with a timing cache. */
public final class EngineBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBuilder.class);

    private EngineBuilder() {
    }

    /**
     * @param onnx        the model
     * @param key         what to build (batch profile, precision...)
     * @param opts        builder settings
     * @param timingCache timing cache file, read if present and written after the build
     * @param int8Ranges  per-tensor INT8 ranges (from {@link Int8Calibration}) when building INT8, else null
     * @param onnxBytes   the model to parse instead of {@code onnx}'s content (a rewritten model), or null
     * @return the serialized engine
     */
    public static byte[] build(Path onnx, EngineKey key, TensorRtOptions opts, Path timingCache,
                               java.util.Map<String, Float> int8Ranges, byte[] onnxBytes) {
        TrtLogger logger = TrtLogger.get();
        long t0 = System.nanoTime();
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tensorrt-build-progress");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(() -> LOG.info("TensorRT engine build for {} ({}) running for {} s;"
                        + " the first build of a model takes minutes, later loads come from the engine cache",
                onnx.getFileName(), key.precision(), (System.nanoTime() - t0) / 1_000_000_000L), 30, 30, TimeUnit.SECONDS);
        IBuilder builder = null;
        INetworkDefinition network = null;
        IParser parser = null;
        IBuilderConfig config = null;
        ITimingCache cache = null;
        IHostMemory plan = null;
        try (PointerScope scope = new PointerScope()) {
            LOG.info("building TensorRT engine from {}: {}, batch {}/{}/{}, optimization level {}, workspace {} MiB,"
                            + " auxiliary streams {}", onnx, key.precision(), key.minBatch(), key.optBatch(), key.maxBatch(),
                    opts.optimizationLevel(), opts.workspaceBytes() >> 20,
                    key.maxAuxStreams() < 0 ? "TensorRT's choice" : "at most " + key.maxAuxStreams());
            builder = notNull(createInferBuilder(logger), "createInferBuilder", logger);
            network = notNull(builder.createNetworkV2(0), "IBuilder.createNetworkV2", logger);
            parser = notNull(createParser(network, logger), "createParser", logger);
            boolean parsed;
            if (onnxBytes != null) {
                BytePointer model = new BytePointer(onnxBytes); // freed by the scope
                parsed = parser.parse(model, onnxBytes.length, onnx.toString());
            } else {
                parsed = parser.parseFromFile(onnx.toString(), ILogger.Severity.kWARNING.value);
            }
            if (!parsed) {
                StringBuilder why = new StringBuilder();
                for (int i = 0; i < parser.getNbErrors(); i++) {
                    why.append("; ").append(parser.getError(i).desc());
                }
                throw new ModelLoadException("TensorRT cannot parse ONNX model " + onnx + why
                        + " (an unsupported operator needs a newer TensorRT or a re-export with another opset)");
            }
            config = notNull(builder.createBuilderConfig(), "IBuilder.createBuilderConfig", logger);
            config.setMemoryPoolLimit(MemoryPoolType.kWORKSPACE, opts.workspaceBytes());
            config.setBuilderOptimizationLevel(opts.optimizationLevel());
            if (key.maxAuxStreams() >= 0) {
                config.setMaxAuxStreams(key.maxAuxStreams());
            }
            config.setProfilingVerbosity(opts.layerNvtx() ? ProfilingVerbosity.kDETAILED : ProfilingVerbosity.kLAYER_NAMES_ONLY);
            if (opts.precision() == Precision.FP16 || opts.precision() == Precision.INT8) {
                if (builder.platformHasFastFp16()) {
                    config.setFlag(BuilderFlag.kFP16);
                } else {
                    LOG.warn("this GPU has no fast FP16; building {} as FP32", opts.precision());
                }
            }
            if (opts.precision() == Precision.INT8) {
                if (!builder.platformHasFastInt8()) {
                    throw new TensorRtException("tensorrt.precision=int8: this GPU has no fast INT8; use fp16 or fp32");
                }
                if (int8Ranges == null) {
                    throw new IllegalStateException("INT8 build without calibration ranges");
                }
                config.setFlag(BuilderFlag.kINT8);
                int[] counts = Int8Calibration.apply(network, int8Ranges);
                LOG.info("INT8: dynamic ranges on {} tensors, {} without one (those stay FP16/FP32)", counts[0], counts[1]);
            }
            ITensor input = network.getInput(0);
            Dims64 dims = input.getDimensions();
            if (dims.d(0) < 0) { // the key's profiles (one unless asked otherwise), all alike
                String name = input.getName();
                for (int i = 0; i < key.profiles(); i++) {
                    IOptimizationProfile profile = builder.createOptimizationProfile();
                    profile.setDimensions(name, OptProfileSelector.kMIN, dims4(key.minBatch(), key));
                    profile.setDimensions(name, OptProfileSelector.kOPT, dims4(key.optBatch(), key));
                    profile.setDimensions(name, OptProfileSelector.kMAX, dims4(key.maxBatch(), key));
                    config.addOptimizationProfile(profile);
                }
            }
            byte[] tc = readIfPresent(timingCache);
            BytePointer tcBytes = tc == null ? new BytePointer() : new BytePointer(tc);
            cache = config.createTimingCache(tcBytes, tc == null ? 0 : tc.length);
            if (cache != null) {
                config.setTimingCache(cache, false);
            }
            plan = builder.buildSerializedNetwork(network, config);
            if (plan == null || plan.size() == 0) {
                throw new TensorRtException("IBuilder.buildSerializedNetwork failed for " + onnx + ": "
                        + logger.lastError());
            }
            byte[] bytes = new byte[(int) plan.size()];
            new BytePointer(plan.data()).capacity(plan.size()).get(bytes);
            if (cache != null && timingCache != null) {
                IHostMemory ser = cache.serialize();
                if (ser != null) {
                    byte[] out = new byte[(int) ser.size()];
                    new BytePointer(ser.data()).capacity(ser.size()).get(out);
                    try {
                        EngineCache.write(timingCache, out);
                    } catch (IOException e) {
                        LOG.warn("could not save timing cache {}: {}", timingCache, e.toString());
                    }
                    ser.close();
                }
            }
            LOG.info("TensorRT engine built in {} s ({} MB)", (System.nanoTime() - t0) / 1_000_000_000L, bytes.length >> 20);
            return bytes;
        } finally {
            heartbeat.shutdownNow();
            closeAll(plan, cache, config, parser, network, builder);
        }
    }

    private static Dims64 dims4(int batch, EngineKey key) {
        Dims64 d = new Dims64();
        d.nbDims(4);
        d.d(0, batch).d(1, 3).d(2, key.inputHeight()).d(3, key.inputWidth());
        return d;
    }

    private static byte[] readIfPresent(Path f) {
        try {
            return f != null && Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            LOG.warn("timing cache {} unreadable: {}", f, e.toString());
            return null;
        }
    }

    static <T> T notNull(T v, String call, TrtLogger logger) {
        if (v == null) {
            throw new TensorRtException(call + " returned null: " + logger.lastError());
        }
        return v;
    }

    static void closeAll(org.bytedeco.javacpp.Pointer... ps) {
        for (org.bytedeco.javacpp.Pointer p : ps) {
            if (p != null) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    LOG.debug("releasing {} failed: {}", p.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
