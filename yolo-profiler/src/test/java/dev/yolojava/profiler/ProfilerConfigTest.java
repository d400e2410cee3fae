package dev.yolojava.profiler;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilerConfigTest {
    @Test
    void readsTheEnvironmentSwitchesWithPropertiesWinning() {
        ProfilerConfig c = ProfilerConfig.fromMaps(Map.of("ENABLE_PROFILING", "1", "YOLO_PROFILING_DIR", "/tmp/p",
                "YOLO_PROFILING_EXPORTERS", "Chrome, summary", "YOLO_PROFILING_SCHEDULE", "wait=5,active=10"), Map.of());
        assertThat(c.enabled()).isTrue();
        assertThat(c.outputDir()).isEqualTo(Path.of("/tmp/p"));
        assertThat(c.exporters()).containsExactly("chrome", "summary");
        assertThat(c.schedule()).isEqualTo(new ProfilerSchedule(5, 0, 10, 0));
        assertThat(ProfilerConfig.fromMaps(Map.of("ENABLE_PROFILING", "1"), Map.of("yolo.profiling", "false")).enabled()).isFalse();
        assertThat(ProfilerConfig.fromMaps(Map.of(), Map.of()).enabled()).isFalse();
        assertThat(ProfilerConfig.fromMaps(Map.of("YOLO_PROFILING_CUPTI", "0"), Map.of()).cupti()).isFalse();
    }

    @Test
    void schedulePhasesAndErrors() {
        ProfilerSchedule s = ProfilerSchedule.parse("wait=1,warmup=1,active=2,repeat=2");
        assertThat(s.phaseOf(0)).isEqualTo(ProfilerSchedule.Phase.WAIT);
        assertThat(s.phaseOf(1)).isEqualTo(ProfilerSchedule.Phase.WARMUP);
        assertThat(s.phaseOf(3)).isEqualTo(ProfilerSchedule.Phase.ACTIVE);
        assertThat(s.endsWindow(3)).isTrue();
        assertThat(s.phaseOf(4)).isEqualTo(ProfilerSchedule.Phase.WAIT);
        assertThat(s.phaseOf(8)).isEqualTo(ProfilerSchedule.Phase.DONE);
        assertThatThrownBy(() -> ProfilerSchedule.parse("active=x")).hasMessageContaining("expected a whole number, got 'x'");
        assertThatThrownBy(() -> ProfilerSchedule.parse("sleep=3")).hasMessageContaining("sleep");
        assertThatThrownBy(() -> ProfilerSchedule.parse("active=0")).hasMessageContaining("active=0");
    }
}
