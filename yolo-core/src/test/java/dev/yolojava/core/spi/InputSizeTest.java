package dev.yolojava.core.spi;

import dev.yolojava.core.ShapeMismatchException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputSizeTest {

    @Test
    void aFixedInputIsTheSizeAndAnotherRequestIsRefused() {
        long[] fixed = {1, 3, 480, 640};
        assertThat(InputSize.resolve(fixed, Map.of(), 0, 0, "m.onnx")).isEqualTo(new InputSize(640, 480));
        assertThat(InputSize.resolve(fixed, Map.of(), 640, 480, "m.onnx")).isEqualTo(new InputSize(640, 480));
        assertThatThrownBy(() -> InputSize.resolve(fixed, Map.of(), 320, 320, "m.onnx"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("expected 640x480").hasMessageContaining("got 320x320");
    }

    @Test
    void aDynamicInputTakesTheRequestThenTheImgszMetadata() {
        long[] dynamic = {-1, 3, -1, -1};
        assertThat(InputSize.resolve(dynamic, Map.of("imgsz", "[480, 640]"), 320, 256, "m.onnx")).isEqualTo(new InputSize(320, 256));
        assertThat(InputSize.resolve(dynamic, Map.of("imgsz", "[480, 640]"), 0, 0, "m.onnx")).isEqualTo(new InputSize(640, 480));
        assertThat(InputSize.resolve(dynamic, Map.of("imgsz", "320"), 0, 0, "m.onnx")).isEqualTo(new InputSize(320, 320));
        assertThatThrownBy(() -> InputSize.resolve(dynamic, Map.of("imgsz", "[]"), 0, 0, "m.onnx"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("m.onnx").hasMessageContaining("--imgsz");
        assertThatThrownBy(() -> InputSize.resolve(dynamic, Map.of(), 0, 0, "m.onnx")).hasMessageContaining("dynamic");
    }
}
