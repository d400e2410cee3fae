package dev.yolojava.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.yolojava.examples.YoloCliTest.MODEL;
import static dev.yolojava.examples.YoloCliTest.SAMPLES;
import static dev.yolojava.examples.YoloCliTest.noStackTrace;
import static dev.yolojava.examples.YoloCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code yolo detect} never writes over an input, never drops one silently, and always leaves a report. */
class DetectCommandTest {
    static final Path DOG = SAMPLES.resolve("images/dog.jpg");

    @BeforeEach
    void samples() {
        assumeTrue(Files.isRegularFile(MODEL) && Files.isRegularFile(DOG), "run scripts/fetch-samples.sh first");
    }

    static YoloCliTest.Result detect(String... args) {
        List<String> all = new ArrayList<>(List.of("detect", "--backend", "onnxruntime", "--model", MODEL.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    static JsonNode report(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("detections.json").toFile());
    }

    @Test
    void twoInputsWithTheSameNameInDifferentFoldersGetTwoOutputs(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
        Files.copy(DOG, a.resolve("pic.jpg"));
        Files.copy(SAMPLES.resolve("images/person.jpg"), b.resolve("pic.jpg"));
        Path out = dir.resolve("out");
        YoloCliTest.Result r = detect("--out", out.toString(), a.resolve("pic.jpg").toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("pic.png")).isRegularFile();
        assertThat(out.resolve("pic_2.png")).isRegularFile();
        JsonNode json = report(out);
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("output").asText()).endsWith("pic.png");
        assertThat(json.get(1).get("output").asText()).endsWith("pic_2.png");
        assertThat(json.get(0).get("detections").findValuesAsText("label")).contains("dog");
        assertThat(json.get(1).get("detections").findValuesAsText("label")).contains("person");
    }

    @Test
    void anInputPngInsideTheOutputFolderIsNotOverwritten(@TempDir Path out) throws Exception {
        Path png = out.resolve("dog.png");
        ImageIO.write(ImageIO.read(DOG.toFile()), "png", png.toFile());
        byte[] before = Files.readAllBytes(png);
        YoloCliTest.Result r = detect("--out", out.toString(), png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(png)).isEqualTo(before);
        assertThat(out.resolve("dog_2.png")).isRegularFile();
        assertThat(report(out).get(0).get("output").asText()).endsWith("dog_2.png");
    }

    @Test
    void anUnreadableFileInAFolderIsReportedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(DOG, in.resolve("a.jpg"));
        Files.writeString(in.resolve("b.jpg"), "not a jpeg");
        Files.copy(DOG, in.resolve("c.jpg"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("detections.json"), "[{\"stale\": true}]");
        YoloCliTest.Result r = detect("--out", out.toString(), in.toString(), dir.resolve("missing.jpg").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("b.jpg").contains("missing.jpg").contains("2 of 4 inputs failed");
        noStackTrace(r);
        JsonNode json = report(out);
        assertThat(json).hasSize(4);
        assertThat(json.get(0).get("detections").findValuesAsText("label")).contains("dog");
        assertThat(json.get(1).get("image").asText()).endsWith("b.jpg");
        assertThat(json.get(1).get("error").asText()).contains("b.jpg");
        assertThat(json.get(2).get("detections").findValuesAsText("label")).contains("dog");
        assertThat(json.get(3).get("error").asText()).contains("missing.jpg");
        assertThat(out.resolve("c.png")).isRegularFile();
        assertThat(out.resolve("b.png")).doesNotExist();
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void whenEveryInputFailsTheExitCodeSaysSoAndTheReportIsStillWritten(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jpg"), "text");
        YoloCliTest.Result r = detect("--out", dir.resolve("out").toString(), bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report(dir.resolve("out")).get(0).get("error").asText()).contains("bad.jpg");
    }

    @Test
    void eachRunWithoutOutGoesIntoAFreshFolder(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 2; i++) {
            YoloCliTest.Result r = detect("--project", dir.toString(), DOG.toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(dir.resolve("predict/dog.png")).isRegularFile();
        assertThat(dir.resolve("predict2/dog.png")).isRegularFile();
        assertThat(dir.resolve("predict2/detections.json")).isRegularFile();
    }

    @Test
    void anOutputFolderThatIsAFileOrUnderAFileIsRefusedBeforeTheModelLoads(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("results"), "keep me");
        for (Path out : List.of(file, file.resolve("sub"))) {
            YoloCliTest.Result r = detect("--out", out.toString(), DOG.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_OUTPUT);
            assertThat(r.err()).contains(out.toString()).doesNotContain("YOLO detector ready");
            noStackTrace(r);
        }
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void classesTakeIdsOrNamesCheckedAgainstTheModel(@TempDir Path dir) throws Exception {
        YoloCliTest.Result names = detect("--out", dir.toString(), "--classes", "dog,2", DOG.toString());
        assertThat(names.code()).as(names.err()).isZero();
        assertThat(report(dir).get(0).get("detections").findValuesAsText("label")).containsOnly("dog", "car").contains("dog", "car");
        for (String bad : List.of("2147483647", "2000000000", "999", "80")) {
            YoloCliTest.Result r = detect("--out", dir.toString(), "--classes", bad, DOG.toString());
            assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains(bad).contains("80 classes");
            noStackTrace(r);
        }
        YoloCliTest.Result unknown = detect("--out", dir.toString(), "--classes", "persn", DOG.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("'persn'").contains("0=person");
        YoloCliTest.Result tooBig = detect("--out", dir.toString(), "--classes", "99999999999999999999", DOG.toString());
        assertThat(tooBig.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooBig.err()).contains("99999999999999999999");
    }

    @Test
    void unknownOrInvalidBackendOptionsAreUsageErrorsListingTheKnownKeys(@TempDir Path dir) {
        YoloCliTest.Result unknown = detect("--out", dir.toString(), "--option", "onnxruntime.thread=2", DOG.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("onnxruntime.thread").contains("onnxruntime.threads");
        YoloCliTest.Result negative = detect("--out", dir.toString(), "--option", "onnxruntime.threads=-5", DOG.toString());
        assertThat(negative.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("onnxruntime.threads").contains("-5");
        YoloCliTest.Result noPrefix = detect("--out", dir.toString(), "--option", "precision=fp16", DOG.toString());
        assertThat(noPrefix.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPrefix.err()).contains("'precision'");
        YoloCliTest.Result other = detect("--out", dir.toString(), "--option", "tensorrt.precision=fp32", DOG.toString());
        assertThat(other.code()).as("another backend's option is ignored: " + other.err()).isZero();
        noStackTrace(unknown);
        noStackTrace(negative);
    }

    @Test
    void imgszIsValidated(@TempDir Path dir) {
        YoloCliTest.Result r = detect("--out", dir.toString(), "--imgsz", "big", DOG.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--imgsz").contains("big");
        YoloCliTest.Result fixed = detect("--out", dir.toString(), "--imgsz", "320", DOG.toString());
        assertThat(fixed.code()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(fixed.err()).contains("expected 640x640").contains("got 320x320");
        assertThat(DetectCommand.parseImgsz("640x480")).containsExactly(640, 480);
        assertThat(DetectCommand.parseImgsz("320")).containsExactly(320, 320);
    }
}
