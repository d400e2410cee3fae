package dev.yolojava.profiler.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KernelNamesTest {
    @Test
    void demanglesQualifiedNamesAndKeepsPlainOnes() {
        assertThat(KernelNames.demangle("_ZN4cuda3foo6kernelIfEEvPT_")).isEqualTo("cuda::foo::kernel");
        assertThat(KernelNames.demangle("_Z14yolo_letterboxPKhiiiiiPfiiiiiiff")).isEqualTo("yolo_letterbox");
        assertThat(KernelNames.demangle("sm90_xmma_gemm_f16f16")).isEqualTo("sm90_xmma_gemm_f16f16");
        assertThat(KernelNames.demangle("_Zbroken")).isEqualTo("_Zbroken");
        assertThat(KernelNames.demangle(null)).isEqualTo("<unnamed>");
    }
}
