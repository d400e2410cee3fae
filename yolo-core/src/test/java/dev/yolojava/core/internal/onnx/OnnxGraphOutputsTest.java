package dev.yolojava.core.internal.onnx;

import dev.yolojava.core.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxGraphOutputsTest {

    @Test
    void exposesEveryIntermediateTensorAndKeepsTheRestOfTheModel(@TempDir Path dir) throws Exception {
        byte[] model = OnnxTestModels.identityChain(new long[]{-1, 3, 8, 8}, "a", "b", "y");
        OnnxGraphOutputs.Exposed e = OnnxGraphOutputs.exposeAll(model, "chain.onnx");
        assertThat(e.outputs()).containsExactly("y");
        assertThat(e.exposed()).containsExactly("a", "b");
        Path rewritten = Files.write(dir.resolve("exposed.onnx"), e.model());
        assertThat(OnnxMetadataReader.inputShape(rewritten)).containsExactly(-1, 3, 8, 8);
        assertThat(OnnxGraphOutputs.exposeAll(e.model(), "exposed.onnx").exposed()).as("nothing left to expose").isEmpty();
    }

    @Test
    void aModelWhoseOnlyNodeFeedsTheOutputGainsNothing() {
        byte[] model = OnnxTestModels.identity(new long[]{1, 3});
        OnnxGraphOutputs.Exposed e = OnnxGraphOutputs.exposeAll(model, "id.onnx");
        assertThat(e.exposed()).isEmpty();
        assertThat(e.model()).hasSize(model.length); // same fields, graph re-emitted with the same length
    }

    @Test
    void truncatedBytesAreAModelLoadErrorNamingTheModel() {
        byte[] model = OnnxTestModels.identity(new long[]{1, 3});
        byte[] cut = Arrays.copyOf(model, model.length - 5);
        assertThatThrownBy(() -> OnnxGraphOutputs.exposeAll(cut, "cut.onnx"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("cut.onnx");
    }
}
