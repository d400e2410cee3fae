package dev.yolojava.profiler.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryComparisonTest {
    @Test
    void flagsKernelsAndRangesThatGotSlowerThanTheThreshold() {
        ProfileSummary base = ProfileAnalyzer.analyze(SyntheticProfiles.inference(10, 100, "conv"));
        ProfileSummary same = ProfileAnalyzer.analyze(SyntheticProfiles.inference(20, 100, "conv"));
        assertThat(SummaryComparison.compare(base, same, 5, 1).regressed()).isFalse();

        ProfileSummary worse = ProfileAnalyzer.analyze(SyntheticProfiles.inference(10, 130, "conv"));
        SummaryComparison c = SummaryComparison.compare(base, worse, 5, 1);
        assertThat(c.regressed()).isTrue();
        SummaryComparison.Row conv = c.kernels().stream().filter(r -> r.name().equals("conv")).findFirst().orElseThrow();
        assertThat(conv.deltaPercent()).isCloseTo(30, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(conv.regressed()).isTrue();
        assertThat(SummaryComparison.compare(base, worse, 50, 1).regressed()).isFalse();
    }

    @Test
    void rejectsNegativeThresholds() {
        ProfileSummary s = ProfileAnalyzer.analyze(SyntheticProfiles.inference(1, 1, "k"));
        assertThatThrownBy(() -> SummaryComparison.compare(s, s, -1, 0)).hasMessageContaining("threshold");
    }
}
