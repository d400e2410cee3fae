package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineLayersTest {

    @Test
    void namesOnlyJsonCountsLayersAndTheReformatsAtTheNetworksInputAndOutput() {
        String json = "{\"Layers\": [\"Reformatting CopyNode for Input Tensor 0 to /model.0/conv/Conv\","
                + "\"/model.0/conv/Conv + PWN(/model.0/act/Sigmoid)\","
                + "\"Reformatting CopyNode for Output Tensor 0 to /model.2/Concat\","
                + "\"{ForeignNode[/model.22/Split...]}\","
                + "\"Reformatting CopyNode for Input Tensor 1 to /model.22/Concat \\\"x\\\"\","
                + "\"Reformatting CopyNode for Network Output output0\"],\n\"Bindings\": [\"images\", \"output0\"]}";
        EngineLayers l = EngineLayers.parse(json);
        assertThat(l.layers()).isEqualTo(6);
        assertThat(l.reformats()).isEqualTo(4);
        assertThat(l.reformatNames()).hasSize(4).allMatch(n -> n.startsWith("Reformatting CopyNode"));
        assertThat(l.ioReformats()).as("names saying Input/Output Tensor").isEqualTo(3);
    }

    @Test
    void detailedJsonTakesEachLayerObjectsName() {
        String json = "{\"Layers\": [{\"Name\": \"Reformatting CopyNode for Input Tensor 0 to conv\", \"LayerType\":"
                + " \"Reformat\", \"Inputs\": [{\"Name\": \"images\", \"Format/Datatype\": \"Row major linear FP32\"}]},"
                + "{\"Name\": \"conv\", \"LayerType\": \"CaskConvolution\", \"Inputs\": [], \"Outputs\": []}],"
                + "\"Bindings\": [\"images\"]}";
        EngineLayers l = EngineLayers.parse(json);
        assertThat(l.reformats()).isEqualTo(1);
        assertThat(l.layers()).as("the inputs' names are not layers").isEqualTo(2);
        assertThat(l.reformatNames()).containsExactly("Reformatting CopyNode for Input Tensor 0 to conv");
    }

    @Test
    void jsonWithoutLayersIsRefusedNamingWhatCame() {
        assertThatThrownBy(() -> EngineLayers.parse("{\"Bindings\": []}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a \"Layers\" array");
    }
}
