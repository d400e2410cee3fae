package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.tensorrt.TensorRtException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineIoTest {
    static final Path FILE = Path.of("m.engine");

    static EngineIo.Tensor in(long... shape) {
        return new EngineIo.Tensor("images", true, "FLOAT", shape);
    }

    static EngineIo.Tensor out(long... shape) {
        return new EngineIo.Tensor("output0", false, "FLOAT", shape);
    }

    @Test
    void aFixedBatchOneEngineRunsOneImagePerExecution() {
        EngineIo io = EngineIo.resolve(List.of(in(1, 3, 640, 640), out(1, 84, 8400)), name -> {
            throw new AssertionError("a fixed-batch engine has no profile to ask");
        }, 32, FILE);
        assertThat(io.dynamicBatch()).isFalse();
        assertThat(io.slotBatch()).isEqualTo(1);
        assertThat(io.inputShape()).containsExactly(1, 3, 640, 640);
        assertThat(io.inputFloats()).isEqualTo(3L * 640 * 640);
        assertThat(io.outputFloats()).isEqualTo(84L * 8400);
        assertThat(io.inputName()).isEqualTo("images");
        assertThat(io.outputName()).isEqualTo("output0");
        assertThat(io.executions(32)).as("a batch of 32: 32 executions").isEqualTo(32);
        assertThat(io.executionBatch(1)).isEqualTo(1);
    }

    @Test
    void aFixedBatchOfFourRunsPartialBatchesPaddedToFour() {
        EngineIo io = EngineIo.resolve(List.of(in(4, 3, 640, 640), out(4, 84, 8400)), name -> 4, 32, FILE);
        assertThat(io.executions(10)).as("4 + 4 + 2").isEqualTo(3);
        assertThat(io.executions(8)).isEqualTo(2);
        assertThat(io.executionBatch(2)).as("the engine's batch, padding included").isEqualTo(4);
    }

    @Test
    void aDynamicBatchEngineRunsTheDetectorsBatchWhereItsProfileAllows() {
        EngineIo io = EngineIo.resolve(List.of(in(-1, 3, 320, 320), out(-1, 84, 2100)), name -> 16, 8, FILE);
        assertThat(io.dynamicBatch()).isTrue();
        assertThat(io.slotBatch()).isEqualTo(8);
        assertThat(io.inputShape()).containsExactly(8, 3, 320, 320);
        assertThat(io.outputShape()).containsExactly(8, 84, 2100);
        assertThat(io.executions(8)).as("the whole batch in one execution").isEqualTo(1);
        assertThat(io.executionBatch(5)).as("a partial batch runs as it is").isEqualTo(5);
        assertThatThrownBy(() -> EngineIo.resolve(List.of(in(-1, 3, 320, 320), out(-1, 84, 2100)), name -> 4, 8, FILE))
                .isInstanceOf(TensorRtException.class).hasMessageContaining("allows batch up to 4")
                .hasMessageContaining("asks for 8").hasMessageContaining("m.engine");
    }

    @Test
    void engineTensorsThatDoNotFitAYoloDetectorAreNamed() {
        assertThatThrownBy(() -> EngineIo.resolve(List.of(in(1, 3, 640, 640)), name -> 1, 1, FILE))
                .isInstanceOf(TensorRtException.class).hasMessageContaining("needs one input and one output tensor, has 1");
        assertThatThrownBy(() -> EngineIo.resolve(List.of(new EngineIo.Tensor("images", true, "kHALF",
                new long[]{1, 3, 640, 640}), out(1, 84, 8400)), name -> 1, 1, FILE))
                .isInstanceOf(TensorRtException.class).hasMessageContaining("'images': expected FLOAT, got kHALF");
        assertThatThrownBy(() -> EngineIo.resolve(List.of(in(1, 640, 640, 3), out(1, 84, 8400)), name -> 1, 1, FILE))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[B,3,H,W]");
        assertThatThrownBy(() -> EngineIo.resolve(List.of(in(1, 3, 640, 640), out(1, -1, 8400)), name -> 1, 1, FILE))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("static dimensions after the batch");
    }
}
