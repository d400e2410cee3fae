package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EngineCacheTest {
    static final EngineKey KEY = new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1,
            640, 640, 3, false);

    @Test
    void everyFieldChangesTheDigest() {
        assertThat(KEY.digest()).hasSize(16).isEqualTo(KEY.digest());
        EngineKey[] others = {
                new EngineKey("other", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 3, false),
                new EngineKey("9697a185", 101500, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 3, false),
                new EngineKey("9697a185", 100600, "NVIDIA A100", "8.0", "fp16", 1, 1, 1, 640, 640, 3, false),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp32", 1, 1, 1, 640, 640, 3, false),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 8, 16, 640, 640, 3, false),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 320, 320, 3, false),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 1, false),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 3, true),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 3, false, 4,
                        false, -1),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 3, false, 1,
                        true, -1),
                new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640, 3, false, 1,
                        false, 0)};
        for (EngineKey o : others) {
            assertThat(o.digest()).as(o.toString()).isNotEqualTo(KEY.digest());
        }
    }

    @Test
    void keysOfOneProfileAndTheModelAsItIsKeepTheNamesTheyHadBeforeProfilesWereCounted() {
        EngineKey explicit = new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640,
                3, false, 1, false, -1);
        assertThat(explicit.digest()).isEqualTo(KEY.digest());
        assertThat(KEY.fields()).doesNotContainKeys("profiles", "batch", "maxAuxStreams");
        EngineKey batched = new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 32, 32, 640, 640,
                3, false, 4, true, -1);
        assertThat(batched.fields()).containsEntry("profiles", "4").containsKey("batch");
    }

    @Test
    void aSetAuxiliaryStreamLimitIsAnotherEngine() {
        EngineKey single = new EngineKey("9697a185", 100600, "NVIDIA H100 80GB HBM3", "9.0", "fp16", 1, 1, 1, 640, 640,
                3, false, 1, false, 0);
        assertThat(single.fields()).containsEntry("maxAuxStreams", "0");
        assertThat(single.digest()).isNotEqualTo(KEY.digest());
    }

    @Test
    void storesLoadsAndRefusesForeignEntries(@TempDir Path dir) throws Exception {
        EngineCache cache = new EngineCache(dir);
        assertThat(cache.load("yolov8n.onnx", KEY)).isNull();
        byte[] engine = {1, 2, 3, 4};
        cache.store("yolov8n.onnx", KEY, engine);
        assertThat(cache.load("yolov8n.onnx", KEY)).containsExactly(1, 2, 3, 4);
        Path f = cache.engineFile("yolov8n.onnx", KEY);
        assertThat(f.getFileName().toString()).startsWith("yolov8n-fp16-b1-").endsWith(".engine");

        // an engine whose sidecar says another TensorRT built it is not loaded blindly
        Path side = f.resolveSibling(f.getFileName() + ".properties");
        Files.writeString(side, Files.readString(side).replace("tensorRtVersion=100600", "tensorRtVersion=101500"));
        assertThat(cache.load("yolov8n.onnx", KEY)).isNull();
        Files.delete(side);
        assertThat(cache.load("yolov8n.onnx", KEY)).as("no sidecar: unknown origin").isNull();

        cache.store("yolov8n.onnx", KEY, engine);
        cache.evict("yolov8n.onnx", KEY);
        assertThat(f).doesNotExist();
        assertThat(side).doesNotExist();
    }
}
