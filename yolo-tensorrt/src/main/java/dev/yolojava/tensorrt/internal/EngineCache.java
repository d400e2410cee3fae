package dev.yolojava.tensorrt.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * Built engines on disk: {@code <dir>/<model>-<precision>-<digest>.engine} with a
 * {@code .properties} sidecar holding every {@link EngineKey} field. An engine is returned only when
 * its sidecar matches the wanted key exactly; anything else is reported and rebuilt.
 */
public final class EngineCache {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCache.class);
    private final Path dir;

    /** @param dir the cache folder (created on first store) */
    public EngineCache(Path dir) {
        this.dir = dir;
    }

    /** @return the engine file for {@code key} */
    public Path engineFile(String modelName, EngineKey key) {
        String base = modelName.replaceFirst("\\.onnx$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(base + "-" + key.precision() + "-b" + key.maxBatch() + "-" + key.digest() + ".engine");
    }

    /**
     * @return the INT8 calibration table for {@code key}'s model, input size and calibration images
     *         (its precision names them); independent of the GPU and TensorRT version
     */
    public Path calibrationTable(String modelName, EngineKey key) {
        String base = modelName.replaceFirst("\\.onnx$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(base + "-" + key.precision() + "-" + key.inputWidth() + "x" + key.inputHeight() + "-"
                + key.modelSha256().substring(0, Math.min(12, key.modelSha256().length())) + ".calibration");
    }

    /** @return the timing cache file for this GPU and TensorRT version */
    public Path timingCacheFile(EngineKey key) {
        return dir.resolve("timing-" + key.gpuName().replaceAll("[^A-Za-z0-9]", "_") + "-trt" + key.tensorRtVersion() + ".cache");
    }

    /** @return the cached engine bytes when present and built for exactly {@code key}, else null */
    public byte[] load(String modelName, EngineKey key) {
        Path f = engineFile(modelName, key);
        Path side = sidecar(f);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(side)) {
                p.load(in);
            }
            for (Map.Entry<String, String> e : key.fields().entrySet()) {
                if (!e.getValue().equals(p.getProperty(e.getKey()))) {
                    LOG.warn("cached engine {} was built for {}={}, not {}; rebuilding", f, e.getKey(),
                            p.getProperty(e.getKey()), e.getValue());
                    return null;
                }
            }
            return Files.readAllBytes(f);
        } catch (IOException e) {
            LOG.warn("cached engine {} unreadable ({}); rebuilding", f, e.toString());
            return null;
        }
    }

    /** Stores {@code engine} for {@code key}, atomically; failures are logged, not thrown. */
    public void store(String modelName, EngineKey key, byte[] engine) {
        Path f = engineFile(modelName, key);
        try {
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.putAll(key.fields());
            Path tmpSide = Files.createTempFile(dir, "engine", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmpSide)) {
                p.store(out, "yolo-java engine cache entry");
            }
            move(tmpSide, sidecar(f));
            write(f, engine);
            LOG.info("engine cached: {} ({} MB)", f, engine.length >> 20);
        } catch (IOException e) {
            LOG.warn("could not cache engine at {}: {}", f, e.toString());
        }
    }

    /** Forgets the entry for {@code key} (after it failed to deserialize). */
    public void evict(String modelName, EngineKey key) {
        Path f = engineFile(modelName, key);
        try {
            Files.deleteIfExists(f);
            Files.deleteIfExists(sidecar(f));
        } catch (IOException e) {
            LOG.warn("could not remove stale engine {}: {}", f, e.toString());
        }
    }

    /** Writes {@code bytes} to {@code f} atomically (temp file, then move). */
    public static void write(Path f, byte[] bytes) throws IOException {
        Path parent = f.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, f.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        move(tmp, f);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path sidecar(Path engine) {
        return engine.resolveSibling(engine.getFileName() + ".properties");
    }
}
