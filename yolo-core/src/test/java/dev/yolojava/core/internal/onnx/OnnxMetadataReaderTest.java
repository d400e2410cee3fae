package dev.yolojava.core.internal.onnx;

import dev.yolojava.core.internal.ClassNames;
import dev.yolojava.core.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OnnxMetadataReaderTest {

    /** A minimal ModelProto: ir_version, a graph with one input [batch, 3, 32, 48], two metadata entries. */
    static byte[] tinyModel() {
        ByteArrayOutputStream dim0 = new ByteArrayOutputStream();
        OnnxTestModels.field(dim0, 2, OnnxTestModels.bytes("batch"));
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        OnnxTestModels.field(shape, 1, dim0.toByteArray());
        for (long v : new long[]{3, 32, 48}) {
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            d.write(1 << 3);
            OnnxTestModels.varint(d, v);
            OnnxTestModels.field(shape, 1, d.toByteArray());
        }
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        tensor.write(1 << 3);
        tensor.write(1); // elem_type FLOAT
        OnnxTestModels.field(tensor, 2, shape.toByteArray());
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        OnnxTestModels.field(type, 1, tensor.toByteArray());
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        OnnxTestModels.field(input, 1, OnnxTestModels.bytes("images"));
        OnnxTestModels.field(input, 2, type.toByteArray());
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        OnnxTestModels.field(graph, 2, OnnxTestModels.bytes("g"));
        OnnxTestModels.field(graph, 5, new byte[5000]); // an "initializer" to skip
        OnnxTestModels.field(graph, 11, input.toByteArray());
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write(1 << 3);
        model.write(8); // ir_version 8
        OnnxTestModels.field(model, 7, graph.toByteArray());
        for (String[] kv : new String[][]{{"names", "{0: 'a', 1: 'b'}"}, {"stride", "32"}}) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            OnnxTestModels.field(e, 1, OnnxTestModels.bytes(kv[0]));
            OnnxTestModels.field(e, 2, OnnxTestModels.bytes(kv[1]));
            OnnxTestModels.field(model, 14, e.toByteArray());
        }
        return model.toByteArray();
    }

    @Test
    void readsMetadataAndInputShapeOfASyntheticModel(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("tiny.onnx"), tinyModel());
        assertThat(OnnxMetadataReader.read(f)).containsExactly(Map.entry("names", "{0: 'a', 1: 'b'}"), Map.entry("stride", "32"));
        assertThat(OnnxMetadataReader.inputShape(f)).containsExactly(-1, 3, 32, 48);
    }

    @Test
    void rejectsFilesThatAreNotOnnxNamingThem(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("photo.onnx"), "\u00ff\u00d8 this is a jpeg really");
        assertThatThrownBy(() -> OnnxMetadataReader.read(f)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not an ONNX model").hasMessageContaining("photo.onnx");
        assertThatThrownBy(() -> OnnxMetadataReader.read(dir.resolve("nope.onnx"))).hasMessageContaining("nope.onnx");
    }

    @Test
    void readsTheRealYolov8nModel() {
        Path model = Path.of(System.getProperty("yolo.samples", "samples"), "models", "yolov8n.onnx");
        assumeTrue(Files.isRegularFile(model), "run scripts/fetch-samples.sh first");
        Map<String, String> meta = OnnxMetadataReader.read(model);
        assertThat(ClassNames.parse(meta.get("names"))).hasSize(80).startsWith("person", "bicycle", "car");
        assertThat(OnnxMetadataReader.inputShape(model)).containsExactly(1, 3, 640, 640);
    }
}
