package dev.yolojava.profiler;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The API alone (no yolo-profiler on the class path): starting records nothing and nothing fails. */
class ProfilerWithoutImplementationTest {

    @Test
    void startingWithoutAnImplementationLeavesEveryRangeANoop() throws Exception {
        Profiler.start(ProfilerConfig.builder().enabled(true).build());
        assertThat(Profiler.isRecording()).isFalse();
        assertThat(Profiler.hasGpuActivity()).isFalse();
        try (ProfilerRange r = Profiler.range("inference")) {
            assertThat(r).isSameAs(ProfilerRange.noop());
            Callable<Integer> work = () -> 42;
            assertThat(Profiler.wrap(work)).isSameAs(work);
        }
        assertThat(Profiler.step()).isNull();
        assertThat(Profiler.stop()).isNull();
    }
}
