package dev.yolojava.core.internal.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.yolojava.core.internal.onnx.OnnxTestModels.graph;
import static dev.yolojava.core.internal.onnx.OnnxTestModels.int64Tensor;
import static dev.yolojava.core.internal.onnx.OnnxTestModels.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fixed-batch model is rewritten to a dynamic batch only where every operator keeps the batch first. */
class OnnxDynamicBatchTest {
    private static final String[] X = {"x"};

    static byte[] reshapeModel(long... target) {
        return graph(new long[]{1, 4, 2, 2}, new long[]{1, 4, 4},
                List.of(node("Reshape", new String[]{"x", "shape"}, new String[]{"r"}),
                        node("Sigmoid", new String[]{"r"}, new String[]{"y"})),
                List.of(int64Tensor("shape", target)));
    }

    @Test
    void theInputAndOutputGetASymbolicBatchAndReshapeTargetsCopyTheInputsBatch(@TempDir Path dir) throws Exception {
        byte[] out = OnnxDynamicBatch.rewrite(reshapeModel(1, 4, -1), "m.onnx");

        Path f = Files.write(dir.resolve("m.onnx"), out);
        assertThat(OnnxMetadataReader.inputShape(f)).containsExactly(-1, 4, 2, 2);
        ProtoMessage model = ProtoMessage.parse(out, "m");
        assertThat(model.varint(1, 0)).as("ir_version kept").isEqualTo(8);
        assertThat(model.all(8)).as("opset kept").hasSize(1);
        ProtoMessage g = model.message(7, "m");
        assertThat(g.all(13)).as("value_info with the old batch dropped").isEmpty();
        assertThat(g.all(1)).as("nodes kept").hasSize(2);
        ProtoMessage shape = ProtoMessage.parse(g.all(5).get(0).bytes(), "m");
        ByteBuffer raw = ByteBuffer.wrap(shape.all(9).get(0).bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new long[]{raw.getLong(), raw.getLong(), raw.getLong()}).containsExactly(0, 4, -1);
        assertThat(shape.string(8)).isEqualTo("shape");
        String output = new String(g.all(12).get(0).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(output).as("the output's batch is symbolic too").contains(OnnxDynamicBatch.BATCH);
    }

    @Test
    void reshapeTargetsThatAlreadyCopyOrInferTheBatchAreLeftAsTheyAre() {
        for (long first : new long[]{0, -1}) {
            byte[] in = reshapeModel(first, 4, 4);
            byte[] out = OnnxDynamicBatch.rewrite(in, "m.onnx");
            ProtoMessage g = ProtoMessage.parse(out, "m").message(7, "m");
            assertThat(g.all(5).get(0).raw()).isEqualTo(ProtoMessage.parse(in, "m").message(7, "m").all(5).get(0).raw());
        }
    }

    @Test
    void aReshapeThatMovesTheBatchIsRefusedNamingIt() {
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(reshapeModel(2, 2, 4), "m.onnx"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("m.onnx").hasMessageContaining("Reshape to [2, 2, 4]");
    }

    @Test
    void operatorsThatMayMixImagesOfABatchAreRefusedNamingThem() {
        long[] s = {1, 4, 2, 2};
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Shape", X, new String[]{"y"})), List.of()), "a.onnx"))
                .hasMessageContaining("operator Shape");
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Concat", new String[]{"x", "x"}, new String[]{"y"}, "axis", 0L)), List.of()), "b.onnx"))
                .hasMessageContaining("Concat along the batch axis");
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Transpose", X, new String[]{"y"}, "perm", new long[]{1, 0, 2, 3})), List.of()), "c.onnx"))
                .hasMessageContaining("Transpose moves the batch");
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Slice", new String[]{"x", "st", "en", "ax"}, new String[]{"y"})),
                List.of(int64Tensor("st", 0), int64Tensor("en", 1), int64Tensor("ax", 0))), "d.onnx"))
                .hasMessageContaining("Slice along the batch axis");
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Split", X, new String[]{"y"})), List.of()), "e.onnx"))
                .hasMessageContaining("Split along the batch axis");
    }

    @Test
    void slicesConcatsAndTransposesThatLeaveTheBatchAloneAreKept() {
        long[] s = {1, 4, 2, 2};
        byte[] out = OnnxDynamicBatch.rewrite(graph(s, new long[]{1, 2, 2, 4}, List.of(
                node("Slice", new String[]{"x", "st", "en", "ax"}, new String[]{"a"}),
                node("Concat", new String[]{"a", "a"}, new String[]{"c"}, "axis", 1L),
                node("Transpose", new String[]{"c"}, new String[]{"y"}, "perm", new long[]{0, 2, 3, 1})),
                List.of(int64Tensor("st", 0), int64Tensor("en", 2), int64Tensor("ax", 1))), "f.onnx");
        assertThat(ProtoMessage.parse(out, "f").message(7, "f").all(1)).hasSize(3);
    }

    @Test
    void aModelWhoseBatchIsAlreadyDynamicIsRefused() {
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(OnnxTestModels.identity(new long[]{-1, 3, 8, 8}), "d.onnx"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("has batch 'batch', expected a fixed batch of 1");
    }

    @Test
    void resizesKeepTheBatchOnlyWithConstantScalesOfOneOnIt() {
        long[] s = {1, 4, 2, 2};
        byte[] ok = OnnxDynamicBatch.rewrite(graph(s, new long[]{1, 4, 4, 4}, List.of(
                node("Resize", new String[]{"x", "", "scales"}, new String[]{"y"})),
                List.of(OnnxTestModels.floatTensor("scales", 1, 1, 2, 2))), "r.onnx");
        assertThat(ProtoMessage.parse(ok, "r").message(7, "r").all(1)).hasSize(1);
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Resize", new String[]{"x", "", "scales"}, new String[]{"y"})),
                List.of(OnnxTestModels.floatTensor("scales", 2, 1, 2, 2))), "r2.onnx"))
                .hasMessageContaining("Resize without constant scales that keep the batch");
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Resize", new String[]{"x", "", "", "sizes"}, new String[]{"y"})),
                List.of(int64Tensor("sizes", 1, 4, 4, 4))), "r3.onnx"))
                .hasMessageContaining("Resize to fixed sizes");
    }

    @Test
    void aReshapeTargetThatIsNotAnInitializerOrThatFeedsOtherNodesIsRefused() {
        long[] s = {1, 4, 2, 2};
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, new long[]{1, 16}, List.of(
                node("Reshape", new String[]{"x", "computed"}, new String[]{"y"})), List.of()), "c.onnx"))
                .hasMessageContaining("not a constant initializer ('computed')");
        assertThatThrownBy(() -> OnnxDynamicBatch.rewrite(graph(s, s, List.of(
                node("Reshape", new String[]{"x", "shape"}, new String[]{"r"}),
                node("Add", new String[]{"r", "shape"}, new String[]{"y"})),
                List.of(int64Tensor("shape", 1, 4, -1))), "d.onnx"))
                .hasMessageContaining("both a Reshape target and an input of Add");
    }
}
