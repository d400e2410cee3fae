package dev.yolojava.profiler.export;

import dev.yolojava.profiler.analysis.ProfileAnalyzer;
import dev.yolojava.profiler.analysis.ProfileSummary;
import dev.yolojava.profiler.analysis.SyntheticProfiles;
import dev.yolojava.profiler.model.ProfileData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryExporterTest {
    @Test
    void writesJsonCsvAndTableThatReadBack(@TempDir Path dir) throws Exception {
        ProfileData d = SyntheticProfiles.inference(5, 60, "sm90_xmma_gemm");
        new SummaryExporter().export(d, dir);
        ProfileSummary back = SummaryExporter.read(dir.resolve("summary.json"));
        assertThat(back).isEqualTo(ProfileAnalyzer.analyze(d));
        List<String> kernels = Files.readAllLines(dir.resolve("kernels.csv"));
        assertThat(kernels.get(0)).startsWith("name,count,total_us");
        assertThat(kernels.get(1)).startsWith("\"sm90_xmma_gemm\",300,");
        assertThat(Files.readAllLines(dir.resolve("ranges.csv")).get(1)).startsWith("\"inference\",5,");
        assertThat(Files.readString(dir.resolve("summary.txt"))).contains("sm90_xmma_gemm").contains("H2D").contains("launch-bound");
    }
}
