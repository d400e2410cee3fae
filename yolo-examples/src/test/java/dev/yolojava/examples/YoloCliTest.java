package dev.yolojava.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yolojava.profiler.export.SummaryExporter;
import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The CLI's exit codes and messages: each user error names the bad input, without a stack trace. */
class YoloCliTest {
    static final Path SAMPLES = Path.of(System.getProperty("yolo.samples", "samples"));
    static final Path MODEL = SAMPLES.resolve("models/yolov8n.onnx");

    record Result(int code, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = YoloCli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static void noStackTrace(Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in");
    }

    @Test
    void detectsObjectsWritesAnnotatedPngAndJson(@TempDir Path out) throws Exception {
        assumeTrue(Files.isRegularFile(MODEL), "run scripts/fetch-samples.sh first");
        Result r = run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out", out.toString(),
                SAMPLES.resolve("images/dog.jpg").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dog").contains("bicycle").contains("car");
        assertThat(out.resolve("dog.png")).isRegularFile();
        JsonNode json = new ObjectMapper().readTree(out.resolve("detections.json").toFile());
        assertThat(json.get(0).get("detections").findValuesAsText("label")).contains("dog", "bicycle", "car");
        assertThat(json.get(0).get("width").asInt()).isEqualTo(768);
    }

    @Test
    void aMissingImageIsNamed(@TempDir Path dir) {
        assumeTrue(Files.isRegularFile(MODEL), "run scripts/fetch-samples.sh first");
        Result r = run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out", dir.toString(),
                dir.resolve("nope.jpg").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("nope.jpg");
        noStackTrace(r);
    }

    @Test
    void anUnreadableImageIsNamed(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(MODEL), "run scripts/fetch-samples.sh first");
        Path bad = Files.writeString(dir.resolve("notes.jpg"), "just text");
        Result r = run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out", dir.toString(), bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("notes.jpg");
        noStackTrace(r);
    }

    @Test
    void aFileThatIsNotAModelIsNamed(@TempDir Path dir) throws Exception {
        Path notModel = Files.writeString(dir.resolve("weights.onnx"), "<html>404</html>");
        Result r = run("detect", "--backend", "onnxruntime", "--model", notModel.toString(), "--out", dir.toString(),
                SAMPLES.resolve("images/dog.jpg").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(r.err()).contains("weights.onnx");
        noStackTrace(r);
    }

    @Test
    void aModelWithTheWrongInputShapeSaysExpectedAndGot(@TempDir Path dir) throws Exception {
        Path m = Files.write(dir.resolve("gray.onnx"), dev.yolojava.core.internal.onnx.OnnxTestModels.identity(new long[]{1, 1, 8, 8}));
        Result r = run("detect", "--backend", "onnxruntime", "--model", m.toString(), "--out", dir.toString(),
                SAMPLES.resolve("images/dog.jpg").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(r.err()).contains("gray.onnx").contains("expected [N, 3, H, W]").contains("got [1, 1, 8, 8]");
        noStackTrace(r);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("detect").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bench", "--model", "m.onnx", "--images", ".", "--iterations", "0").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
    }

    static ProfileData capture(int kernelsPerCall) {
        List<RangeEvent> ranges = new ArrayList<>();
        List<KernelRecord> kernels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = 1_000_000L * i;
            ranges.add(new RangeEvent(i + 1, 0, "inference", null, 1, "main", t, t + 500_000, 0, Map.of()));
            for (int k = 0; k < kernelsPerCall; k++) {
                kernels.add(new KernelRecord("conv", t + k * 10_000, t + k * 10_000 + 8_000, 0, 7, k, 1, 1, 1, 128, 1, 1,
                        32, 0, 0, false));
            }
        }
        return new ProfileData("t", 0, 10_000_000, ranges, List.of(), kernels, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), 0, true);
    }

    @Test
    void compareFailsWithExitSixOnARegression(@TempDir Path dir) throws Exception {
        new SummaryExporter().export(capture(10), dir.resolve("base"));
        new SummaryExporter().export(capture(10), dir.resolve("same"));
        new SummaryExporter().export(capture(15), dir.resolve("worse"));
        assertThat(run("compare", dir.resolve("base").toString(), dir.resolve("same").toString()).code()).isZero();
        Result r = run("compare", "--threshold", "10", dir.resolve("base").toString(), dir.resolve("worse").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(r.out()).contains("conv");
        Result missing = run("compare", dir.resolve("base").toString(), dir.resolve("absent").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("absent");
    }

    @Test
    void benchRefusesAnUnwritableJsonPathBeforeBenchmarking(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        for (Path json : List.of(dir, file.resolve("results.json"))) {
            Result r = run("bench", "--model", MODEL.toString(), "--images", SAMPLES.resolve("images").toString(),
                    "--json", json.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_OUTPUT);
            assertThat(r.err()).contains("--json").contains(json.toString());
            assertThat(r.out()).doesNotContain("p50");
            noStackTrace(r);
        }
    }

    /** {@code yolo bench} on the CPU backend over dog.jpg with {@code extra} options, its JSON written to {@code json}. */
    static Result benchDog(Path json, String... extra) {
        assumeTrue(Files.isRegularFile(MODEL), "samples missing: run scripts/fetch-samples.sh");
        List<String> args = new ArrayList<>(List.of("bench", "--backend", "onnxruntime", "--model", MODEL.toString(),
                "--images", SAMPLES.resolve("images").resolve("dog.jpg").toString(), "--no-stages", "--json", json.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** {@link #benchDog} that must succeed. */
    static Result benchDogOk(Path json, String... extra) {
        Result r = benchDog(json, extra);
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    /** {@code yolo bench --model MODEL ARGS} ends with the usage exit code and {@code message} on stderr. */
    static void assertBenchRefuses(String message, String... args) {
        List<String> all = new ArrayList<>(List.of("bench", "--model", MODEL.toString()));
        all.addAll(List.of(args));
        Result bad = run(all.toArray(String[]::new));
        assertThat(bad.code()).as(bad.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains(message);
    }

    static com.fasterxml.jackson.databind.JsonNode json(Path file) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    }

    @Test
    void benchThreadsRunsTheLoopOnADetectorPerThreadAndReportsTheirImagesPerSecond(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Result r = benchDogOk(json, "--warmup", "1", "--iterations", "3", "--threads", "2", "--pool", "2");
        assertThat(r.out()).contains("2 threads, a detector each").contains("3 images through a pool of 2");
        com.fasterxml.jackson.databind.JsonNode row = json(json).get(0);
        assertThat(row.get("threads").asInt()).isEqualTo(2);
        assertThat(row.get("threads_images_per_s").asDouble()).isPositive();
        assertThat(row.get("pool_images_per_s").asDouble()).isPositive();
        assertThat(row.get("backend_details").get("onnxruntime").asText()).as("the library's version").isNotBlank();
        assertThat(row.get("backend_details").get("intraOpThreads").asInt()).isPositive();
        assertThat(row.get("environment").get("cores").asInt()).isPositive();
        assertBenchRefuses("--threads must be >= 1, got 0", "--images", ".", "--threads", "0");
    }

    @Test
    void benchPoolCanAddDetectorsThatDecodeOnTheCpu(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Result r = benchDogOk(json, "--warmup", "1", "--iterations", "2", "--pool", "1", "--pool-cpu-decoders", "1");
        assertThat(r.out()).contains("2 images through a pool of 1 + 1 decoding on the CPU");
        com.fasterxml.jackson.databind.JsonNode row = json(json).get(0);
        assertThat(row.get("pool_cpu_decoders").asInt()).isEqualTo(1);
        assertThat(row.get("pool_images_per_s").asDouble()).isPositive();
        assertBenchRefuses("--pool-cpu-decoders applies to --pool N (N >= 1) and must be >= 0, got 2", "--images", ".",
                "--pool-cpu-decoders", "2");
    }

    @Test
    void benchFromPinnedFramesTimesFramesInTheDetectorsOwnMemory(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Result r = benchDogOk(json, "--warmup", "1", "--iterations", "2", "--source", "frames,pinned");
        com.fasterxml.jackson.databind.JsonNode rows = json(json);
        assertThat(rows.get(1).get("source").asText()).isEqualTo("pinned");
        assertThat(r.out()).containsPattern("(?m)^1p ");
        assertBenchRefuses("expected jpeg, frames or pinned, got 'png'", "--images", SAMPLES.resolve("images").toString(),
                "--source", "png");
    }

    @Test
    void benchProfileOverheadTimesEveryLevelAgainstTheSameRoundsOff(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("o.json");
        Result r = benchDogOk(json, "--warmup", "0", "--iterations", "2", "--source", "frames", "--profile-overhead", "2");
        assertThat(r.out()).contains("profiler cost, throughput loss vs off, median [min, max] of 2 rounds");
        com.fasterxml.jackson.databind.JsonNode o = json(json).get(0).get("profiler_overhead");
        assertThat(o.get("rounds").asInt()).isEqualTo(2);
        for (String level : List.of("off", "continuous", "default", "kernel_window")) {
            assertThat(o.get("images_per_s").get(level)).as(level).hasSize(2);
        }
        assertThat(o.get("kernel_window_loss_percent").get("per_round")).hasSize(2);
    }

    @Test
    void aBugPrintsItsStackTraceAndAsksForAReport() {
        java.io.StringWriter w = new java.io.StringWriter();
        picocli.CommandLine cmd = new picocli.CommandLine(new YoloCli()).setErr(new java.io.PrintWriter(w, true));
        int code = new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cmd, null);
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(w.toString()).contains("boom").contains("\tat ").contains("please report");
        assertThat(ErrorHandler.exitCode(new OutputException("x"))).isEqualTo(ExitCodes.BAD_OUTPUT);
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(run("--help").out()).contains("Exit codes").contains("8 some inputs failed");
        assertThat(run("detect", "--help").out()).contains("7 output not writable");
    }

    @Test
    void compareValidatesItsInputsAndThresholds(@TempDir Path dir) throws Exception {
        new SummaryExporter().export(capture(10), dir.resolve("base"));
        new SummaryExporter().export(capture(15), dir.resolve("worse"));
        String base = dir.resolve("base").toString(), worse = dir.resolve("worse").toString();
        for (String t : List.of("NaN", "-5", "Infinity")) {
            Result r = run("compare", "--threshold", t, base, worse);
            assertThat(r.code()).as("threshold " + t).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--threshold");
            noStackTrace(r);
        }
        Path empty = Files.writeString(dir.resolve("empty.json"), "{}");
        Result r = run("compare", empty.toString(), worse);
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("empty.json").contains("ranges");
        noStackTrace(r);
        Path noAvg = Files.writeString(dir.resolve("noavg.json"),
                "{\"ranges\": [{\"name\": \"inference\", \"count\": 10}], \"kernels\": []}");
        Result missing = run("compare", base, noAvg.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("noavg.json").contains("inference").contains("avgUs");
    }

    @Test
    void aCandidateWithoutTheBaselinesRangesFails(@TempDir Path dir) throws Exception {
        new SummaryExporter().export(capture(10), dir.resolve("base"));
        ProfileData noRanges = new ProfileData("t", 0, 10_000_000, List.of(), List.of(), capture(10).kernels(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 0, true);
        new SummaryExporter().export(noRanges, dir.resolve("bare"));
        Result r = run("compare", dir.resolve("base").toString(), dir.resolve("bare").toString());
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(r.out()).contains("inference").contains("gone");
        Result reversed = run("compare", dir.resolve("bare").toString(), dir.resolve("base").toString());
        assertThat(reversed.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(reversed.err()).contains("no ranges");
    }
}
