package dev.yolojava.profiler.internal.cupti;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_GRAPH_TRACE;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MEMCPY;

class CuptiKindsTest {

    @Test
    void theDefaultIsEveryKindButGraphTracing() {
        assertThat(CuptiKinds.parse(null)).contains(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL)
                .doesNotContain(CUPTI_ACTIVITY_KIND_GRAPH_TRACE).hasSize(9);
        assertThat(CuptiKinds.parse(" ")).hasSize(9);
    }

    @Test
    void namesSelectKindsInOrderIgnoringUnknownsAndRepeats() {
        assertThat(CuptiKinds.parse("graph, MEMCPY,correlation,bogus,memcpy"))
                .containsExactly(CUPTI_ACTIVITY_KIND_GRAPH_TRACE, CUPTI_ACTIVITY_KIND_MEMCPY, CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION);
    }

    @Test
    void graphAndKernelExcludeEachOtherSoKernelWins() {
        assertThat(CuptiKinds.parse("graph,kernel")).containsExactly(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL);
    }
}
