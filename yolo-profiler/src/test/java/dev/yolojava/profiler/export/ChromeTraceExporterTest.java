package dev.yolojava.profiler.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yolojava.profiler.analysis.SyntheticProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses the trace back and checks it against the Chrome trace event format. */
class ChromeTraceExporterTest {

    @Test
    void writesValidTraceEventsWithGpuTracksAndFlows(@TempDir Path dir) throws Exception {
        new ChromeTraceExporter().export(SyntheticProfiles.inference(3, 4, "sm90_xmma_gemm"), dir);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("trace.json").toFile());
        assertThat(root.get("traceEvents").isArray()).isTrue();
        Set<String> phases = Set.of("X", "i", "M", "s", "f", "C", "B", "E");
        Map<String, List<JsonNode>> byCat = new HashMap<>();
        Map<Long, List<String>> flowPhases = new HashMap<>();
        Map<Integer, String> processNames = new HashMap<>();
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            assertThat(phases).contains(ph);
            assertThat(e.has("pid")).as("pid in " + e).isTrue();
            assertThat(e.has("name")).as("name in " + e).isTrue();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("process_name")) {
                    processNames.put(e.get("pid").asInt(), e.get("args").get("name").asText());
                }
                continue;
            }
            assertThat(e.get("ts").isNumber()).as("ts in " + e).isTrue();
            assertThat(e.has("tid")).isTrue();
            if (ph.equals("X")) {
                assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
            }
            if (ph.equals("s") || ph.equals("f")) {
                flowPhases.computeIfAbsent(e.get("id").asLong(), k -> new ArrayList<>()).add(ph);
            }
            byCat.computeIfAbsent(e.has("cat") ? e.get("cat").asText() : "", k -> new ArrayList<>()).add(e);
        }
        assertThat(byCat.get("kernel")).hasSize(12);
        assertThat(byCat.get("range")).hasSize(3);
        assertThat(byCat.get("overhead")).hasSize(1);
        JsonNode kernel = byCat.get("kernel").get(0);
        assertThat(processNames.get(kernel.get("pid").asInt())).contains("GPU");
        assertThat(kernel.get("args").get("grid").asText()).isEqualTo("40,1,1");
        assertThat(kernel.get("args").has("theoreticalOccupancy")).isTrue();
        JsonNode range = byCat.get("range").get(0);
        assertThat(processNames.get(range.get("pid").asInt())).contains("CPU");
        assertThat(range.get("args").get("batch").asLong()).isEqualTo(1);
        // every flow has a start and a finish; one per kernel and copy
        assertThat(flowPhases).hasSize(12 + 6);
        assertThat(flowPhases.values()).allSatisfy(l -> assertThat(l).containsExactlyInAnyOrder("s", "f"));
        // kernels name the range they belong to
        assertThat(kernel.get("args").toString()).contains("inference");
    }
}
