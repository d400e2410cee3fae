package dev.yolojava.onnxruntime;

import dev.yolojava.core.Detection;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** yolov8n.onnx end to end on the CPU (needs scripts/fetch-samples.sh; .ci/run fetches). */
class OnnxRuntimeBackendIT {
    static final Path SAMPLES = Path.of(System.getProperty("yolo.samples", "samples"));
    static final Path MODEL = SAMPLES.resolve("models/yolov8n.onnx");
    static YoloDetector detector;

    @BeforeAll
    static void open() {
        assumeTrue(Files.isRegularFile(MODEL), "samples missing: run scripts/fetch-samples.sh");
        detector = YoloDetector.builder().model(MODEL).backend("onnxruntime").batchSize(3).build();
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    static Set<String> labels(List<Detection> d, float minScore) {
        return d.stream().filter(x -> x.score() > minScore).map(Detection::label).collect(Collectors.toSet());
    }

    @Test
    void dogJpgHasDogBicycleAndCar() {
        List<Detection> d = detector.detect(SAMPLES.resolve("images/dog.jpg"));
        assertThat(labels(d, 0.6f)).contains("dog", "bicycle", "car");
        Detection dog = d.stream().filter(x -> x.label().equals("dog")).findFirst().orElseThrow();
        // the dog sits in the lower left of the 768x576 picture
        assertThat((dog.box().x1() + dog.box().x2()) / 2).isLessThan(384f);
        assertThat((dog.box().y1() + dog.box().y2()) / 2).isGreaterThan(288f);
    }

    @Test
    void personJpgHasPersonHorseAndDog() {
        assertThat(labels(detector.detect(SAMPLES.resolve("images/person.jpg")), 0.6f)).contains("person", "horse", "dog");
    }

    @Test
    void agreesWithThePlainReferencePipeline() throws Exception {
        for (String name : List.of("dog.jpg", "person.jpg", "horses.jpg")) {
            BufferedImage img = RawImage.readBufferedImage(SAMPLES.resolve("images/" + name));
            List<ReferencePipeline.Box> ref = ReferencePipeline.run(MODEL, img, 0.25f, 0.45f);
            List<Detection> ours = detector.detect(img);
            List<ReferencePipeline.Box> confident = ref.stream().filter(b -> b.score() > 0.5f).toList();
            assertThat(confident).as(name + " reference").isNotEmpty();
            for (ReferencePipeline.Box r : confident) {
                Detection match = ours.stream().filter(o -> o.classId() == r.cls())
                        .max((a, b) -> Float.compare(iou(a, r), iou(b, r))).orElse(null);
                assertThat(match).as(name + ": reference " + r + " has no detection of its class in " + ours).isNotNull();
                assertThat(iou(match, r)).as(name + ": " + match + " vs " + r).isGreaterThanOrEqualTo(0.9f);
                assertThat(match.score()).isCloseTo(r.score(), within(0.05f));
            }
        }
    }

    static float iou(Detection d, ReferencePipeline.Box r) {
        return new ReferencePipeline.Box(d.classId(), d.score(), d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2()).iou(r);
    }

    @Test
    void anAllocatedFrameFilledByTheCallerGivesTheSameAnswersAsTheImage() {
        RawImage dog = RawImage.read(SAMPLES.resolve("images/dog.jpg"));
        RawImage frame = detector.allocateFrame(dog.width(), dog.height(), dog.format());
        assertThat(frame.pixels().isDirect()).isTrue();
        assertThat(frame.stride()).isEqualTo(3 * dog.width());
        assertThat(frame.pixels().get(0)).as("zeroed").isZero();
        for (int y = 0; y < dog.height(); y++) { // a camera writing its rows
            java.nio.ByteBuffer row = dog.pixels().duplicate();
            row.position(dog.pixels().position() + y * dog.stride()).limit(row.position() + 3 * dog.width());
            frame.pixels().put(y * frame.stride(), row, row.position(), 3 * dog.width());
        }
        assertThat(detector.detect(frame)).isEqualTo(detector.detect(dog));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> detector.allocateFrame(0, 10, dog.format()))
                .hasMessageContaining("width, height: expected > 0, got 0x10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> detector.allocateFrame(10, 10,
                dev.yolojava.core.image.PixelFormat.NV12)).hasMessageContaining("format: expected RGB or BGR, got NV12");
    }

    @Test
    void aBatchGivesTheSameAnswersAsSingleImages() {
        RawImage dog = RawImage.read(SAMPLES.resolve("images/dog.jpg"));
        RawImage person = RawImage.read(SAMPLES.resolve("images/person.jpg"));
        List<List<Detection>> batch = detector.detectBatch(List.of(dog, person, dog));
        assertThat(batch.get(0)).isEqualTo(detector.detect(dog));
        assertThat(batch.get(1)).isEqualTo(detector.detect(person));
        assertThat(batch.get(2)).isEqualTo(batch.get(0));
    }

    @Test
    void badModelsAreNamed(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("weights.onnx"), "hello");
        assertThatThrownBy(() -> YoloDetector.builder().model(text).backend("onnxruntime").build())
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("weights.onnx");
        assertThatThrownBy(() -> YoloDetector.builder().model(dir.resolve("absent.onnx")).backend("onnxruntime").build())
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("absent.onnx");
    }
}
