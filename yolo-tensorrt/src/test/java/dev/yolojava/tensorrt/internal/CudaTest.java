package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CudaTest {

    @Test
    void atHoldsTheAddressItIsGivenAlsoWhenCopied() {
        long device = 0x7f00_1234_5600L;
        assertThat(Cuda.at(device).address()).isEqualTo(device);
        assertThat(new BytePointer(Cuda.at(device)).address()).as("as nvJPEG's output descriptors take it").isEqualTo(device);
    }
}
