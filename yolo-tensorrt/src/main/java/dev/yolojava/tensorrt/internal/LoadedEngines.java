package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;

/**
 * Deserialized engines, one per engine file and device, shared by every detector that loads the
 * same file and kept for the life of the process. The JavaCPP TensorRT presets cannot delete the
 * runtime and engine objects they return (no C++ {@code delete} is mapped), so sharing them bounds
 * their memory to one copy of the weights per model; what each detector allocates (execution
 * context memory, I/O tensors, pinned buffers) is its own and freed on close.
 */
final class LoadedEngines {
    /**
     * A runtime, the engine it deserialized, the engine's optimization profiles for its contexts to claim, and its
     * layers (asked of TensorRT's inspector once per engine, not per detector: a pool of 64 detectors spent a tenth of
     * its native time there, tenth session; null where the inspector gives none).
     */
    record Loaded(IRuntime runtime, ICudaEngine engine, OptimizationProfiles profiles, EngineLayers layers) {
    }

    private static final Map<Integer, IRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final Map<String, Loaded> ENGINES = new ConcurrentHashMap<>();

    private LoadedEngines() {
    }

    /** @return the engine already loaded from {@code file} on {@code device}, or null */
    static Loaded find(int device, Path file) {
        String k = key(device, file);
        return k == null ? null : ENGINES.get(k);
    }

    /**
     * Deserializes {@code bytes} (the content of {@code file}) and remembers the engine.
     *
     * @return the engine, or null when TensorRT refuses the bytes (see {@link TrtLogger#lastError()})
     */
    static synchronized Loaded load(int device, Path file, byte[] bytes) {
        Loaded existing = find(device, file);
        if (existing != null) {
            return existing;
        }
        IRuntime runtime = RUNTIMES.computeIfAbsent(device, d -> {
            IRuntime r = createInferRuntime(TrtLogger.get());
            if (r == null) {
                throw new dev.yolojava.tensorrt.TensorRtException("createInferRuntime failed: " + TrtLogger.get().lastError());
            }
            return r;
        });
        ICudaEngine engine;
        try (BytePointer p = new BytePointer(bytes)) {
            engine = runtime.deserializeCudaEngine(p, bytes.length);
        }
        if (engine == null) {
            return null;
        }
        Loaded l = new Loaded(runtime, engine, new OptimizationProfiles(engine.getNbOptimizationProfiles()),
                EngineLayers.of(engine));
        String k = key(device, file);
        if (k != null) {
            ENGINES.put(k, l);
        }
        return l;
    }

    private static String key(int device, Path file) {
        try {
            return device + ":" + file.toAbsolutePath() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
