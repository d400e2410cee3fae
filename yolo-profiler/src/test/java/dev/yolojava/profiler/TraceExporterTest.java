package dev.yolojava.profiler;

import dev.yolojava.profiler.model.ProfileData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceExporterTest {

    static TraceExporter named(String name, boolean fails, List<String> ran) {
        return new TraceExporter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void export(ProfileData data, Path dir) throws IOException {
                ran.add(name);
                if (fails) {
                    throw new java.nio.file.AccessDeniedException(dir.toString());
                }
            }
        };
    }

    @Test
    void aCompositeRunsEveryExporterAndThenNamesEachThatFailed() {
        List<String> ran = new ArrayList<>();
        TraceExporter all = TraceExporter.composite(List.of(named("chrome", true, ran), named("summary", false, ran),
                named("jfr", true, ran)));
        assertThatThrownBy(() -> all.export(null, Path.of("/read-only/profiles")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("chrome").hasMessageContaining("jfr").hasMessageNotContaining("summary (")
                .hasMessageContaining("/read-only/profiles").hasMessageContaining("the others wrote");
        assertThat(ran).containsExactly("chrome", "summary", "jfr");
    }
}
