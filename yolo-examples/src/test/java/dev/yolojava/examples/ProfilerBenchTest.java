package dev.yolojava.examples;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilerBenchTest {

    @Test
    @SuppressWarnings("unchecked")
    void slowCallsSumsTheTimeAboveTheMedianCallAndNamesTheSlowestByIndex() {
        long ms = 1_000_000;
        Map<String, Object> m = ProfilerBench.slowCalls(new long[]{ms, 2 * ms, ms, 25 * ms, ms, 3 * ms, ms});
        assertThat((Double) m.get("median_ms")).isEqualTo(1.0);
        assertThat((Double) m.get("excess_over_median_ms")).isEqualTo(24.0 + 1.0 + 2.0);
        assertThat((List<String>) m.get("slowest")).hasSize(5).startsWith("#3 25.000 ms", "#5 3.000 ms", "#1 2.000 ms");
    }
}
