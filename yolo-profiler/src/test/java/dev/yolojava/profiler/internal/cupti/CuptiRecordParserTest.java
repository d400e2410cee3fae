package dev.yolojava.profiler.internal.cupti;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CuptiRecordParserTest {

    @Test
    void aKernelNameIsReadAndDemangledOncePerCuptiNameString() {
        CuptiRecordParser parser = new CuptiRecordParser();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 100; i++) { // 100 records of two kernels
            assertThat(parser.kernelName(0x1000, () -> {
                reads.incrementAndGet();
                return "_Z14yolo_letterboxPKhiiiiiPfiiiiiiff";
            })).isEqualTo("yolo_letterbox");
            assertThat(parser.kernelName(0x2000, () -> {
                reads.incrementAndGet();
                return "sm90_xmma_gemm_f16f16";
            })).isEqualTo("sm90_xmma_gemm_f16f16");
        }
        assertThat(reads.get()).as("names read from CUPTI's strings").isEqualTo(2);
    }
}
