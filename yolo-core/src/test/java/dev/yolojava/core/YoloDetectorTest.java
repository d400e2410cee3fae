package dev.yolojava.core;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.InferenceBackend;
import dev.yolojava.core.spi.ModelInfo;
import dev.yolojava.core.spi.OutputTensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class YoloDetectorTest {

    private static YoloDetector detector(FakeBackend fake, int batch) {
        return YoloDetector.withBackend(fake, YoloDetector.builder().model(Path.of("fake.onnx")).batchSize(batch).config());
    }

    @Test
    void decodesSuppressesAndMapsBackToTheOriginalImage() {
        FakeBackend fake = new FakeBackend();
        try (YoloDetector d = detector(fake, 1)) {
            // 128x64 image: gain 0.5, resized 64x32, padded 16 rows on top
            List<Detection> dets = d.detect(RawImage.rgb(new byte[128 * 64 * 3], 128, 64));
            assertThat(dets).hasSize(1);
            Detection dog = dets.get(0);
            assertThat(dog.label()).isEqualTo("dog");
            assertThat(dog.classId()).isEqualTo(1);
            assertThat(dog.score()).isEqualTo(0.9f);
            // input box (24, 28)-(40, 36) -> ((x - 0) / 0.5, (y - 16) / 0.5)
            assertThat(dog.box().x1()).isCloseTo(48f, within(1e-3f));
            assertThat(dog.box().y1()).isCloseTo(24f, within(1e-3f));
            assertThat(dog.box().x2()).isCloseTo(80f, within(1e-3f));
            assertThat(dog.box().y2()).isCloseTo(40f, within(1e-3f));
            assertThat(fake.firstInputValue).isCloseTo(114 / 255f, within(1e-6f)); // top-left is padding
        }
    }

    @Test
    void batchesInChunksOfBatchSize() {
        FakeBackend fake = new FakeBackend();
        try (YoloDetector d = detector(fake, 2)) {
            RawImage img = RawImage.rgb(new byte[64 * 64 * 3], 64, 64);
            List<List<Detection>> out = d.detectBatch(List.of(img, img, img));
            assertThat(out).hasSize(3).allSatisfy(l -> assertThat(l).hasSize(1));
            assertThat(fake.calls).isEqualTo(2);
            assertThat(fake.lastBatch).isEqualTo(1);
        }
    }

    @Test
    void filtersClassesAndThresholds() {
        FakeBackend fake = new FakeBackend();
        YoloConfig cfg = YoloDetector.builder().model(Path.of("fake.onnx")).classes(List.of(0)).config();
        try (YoloDetector d = YoloDetector.withBackend(fake, cfg)) {
            assertThat(d.detect(RawImage.rgb(new byte[64 * 64 * 3], 64, 64))).isEmpty();
        }
        cfg = YoloDetector.builder().model(Path.of("fake.onnx")).confidenceThreshold(0.95f).config();
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(), cfg)) {
            assertThat(d.detect(RawImage.rgb(new byte[64 * 64 * 3], 64, 64))).isEmpty();
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        FakeBackend fake = new FakeBackend();
        YoloDetector d = detector(fake, 1);
        d.close();
        d.close();
        assertThat(fake.closeCount).isEqualTo(1);
        assertThatThrownBy(() -> d.detect(RawImage.rgb(new byte[12], 2, 2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badConfigurationNamesTheParameter() {
        assertThatThrownBy(() -> YoloDetector.builder().confidenceThreshold(1.5f)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> YoloDetector.builder().iouThreshold(-1f)).hasMessageContaining("iou");
        assertThatThrownBy(() -> YoloDetector.builder().maxDetections(0)).hasMessageContaining("max");
        assertThatThrownBy(() -> YoloDetector.builder().batchSize(0)).hasMessageContaining("batch");
        assertThatThrownBy(() -> YoloDetector.builder().config()).hasMessageContaining("model");
    }

    @Test
    void aFixedInputSizeThatDiffersFromTheRequestedOneIsRejected() {
        FakeBackend fake = new FakeBackend() {
            @Override
            public ModelInfo model() {
                return new ModelInfo("images", new long[]{1, 3, 64, 64}, "output0", new long[]{1, 6, 3}, Map.of());
            }
        };
        YoloConfig cfg = YoloDetector.builder().model(Path.of("fake.onnx")).inputSize(320, 320).config();
        assertThatThrownBy(() -> YoloDetector.withBackend(fake, cfg))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("expected 64x64").hasMessageContaining("got 320x320");
    }

    @Test
    void nullInputsNameTheParameter() {
        try (YoloDetector d = detector(new FakeBackend(), 2)) {
            assertThatThrownBy(() -> d.detect((RawImage) null)).isInstanceOf(NullPointerException.class).hasMessage("image");
            assertThatThrownBy(() -> d.detect((java.awt.image.BufferedImage) null)).hasMessage("image");
            assertThatThrownBy(() -> d.detect((byte[]) null)).hasMessage("encodedImage");
            assertThatThrownBy(() -> d.detect((Path) null)).hasMessage("file");
            assertThatThrownBy(() -> d.detectBatch(null)).hasMessage("images");
            RawImage img = RawImage.rgb(new byte[64 * 64 * 3], 64, 64);
            assertThatThrownBy(() -> d.detectBatch(java.util.Arrays.asList(img, null)))
                    .isInstanceOf(NullPointerException.class).hasMessage("images[1] is null");
        }
    }

    @Test
    void aClosedDetectorFailsEveryCallEvenAnEmptyBatch() {
        YoloDetector d = detector(new FakeBackend(), 1);
        d.close();
        assertThatThrownBy(() -> d.detectBatch(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(d::pipeline).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void classesAreResolvedByIdOrNameAndCheckedAgainstTheModel() {
        YoloConfig byName = YoloDetector.builder().model(Path.of("fake.onnx")).classNames(List.of("DOG")).config();
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(), byName)) {
            assertThat(d.detect(RawImage.rgb(new byte[64 * 64 * 3], 64, 64))).extracting(Detection::label).containsExactly("dog");
        }
        YoloConfig catOnly = YoloDetector.builder().model(Path.of("fake.onnx")).classNames(List.of("cat")).config();
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(), catOnly)) {
            assertThat(d.detect(RawImage.rgb(new byte[64 * 64 * 3], 64, 64))).isEmpty();
        }
        YoloConfig outOfRange = YoloDetector.builder().model(Path.of("fake.onnx")).classes(List.of(Integer.MAX_VALUE)).config();
        assertThatThrownBy(() -> YoloDetector.withBackend(new FakeBackend(), outOfRange))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class id 2147483647").hasMessageContaining("2 classes (ids 0..1)");
        YoloConfig unknown = YoloDetector.builder().model(Path.of("fake.onnx")).classNames(List.of("horse")).config();
        assertThatThrownBy(() -> YoloDetector.withBackend(new FakeBackend(), unknown))
                .hasMessageContaining("'horse'").hasMessageContaining("0=cat, 1=dog");
    }

    @Test
    void configsWithTheSameSettingsAreEqual() {
        YoloConfig a = YoloDetector.builder().model(Path.of("m.onnx")).classes(List.of(2, 0)).classNames(List.of("dog")).config();
        YoloConfig b = YoloDetector.builder().model(Path.of("m.onnx")).classes(List.of(0, 2)).classNames(List.of("dog")).config();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.classIds()).containsExactly(0, 2);
        assertThatThrownBy(() -> a.classIds().add(5)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void encodedImagesCanBeNamedForErrorsAndTheNamesMustMatchTheImages() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_3BYTE_BGR),
                "jpg", out);
        byte[] good = out.toByteArray();
        byte[] bad = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0};
        try (YoloDetector d = detector(new FakeBackend(), 4)) {
            assertThat(d.detectEncoded(List.of(good, good), List.of("upload-1", "upload-2"))).hasSize(2);
            assertThatThrownBy(() -> d.detectEncoded(List.of(good, bad), List.of("upload-1", "upload-2")))
                    .isInstanceOf(InvalidImageException.class).hasMessageContaining("upload-2");
            assertThatThrownBy(() -> d.detectEncoded(List.of(good, bad))).hasMessageContaining("encoded image 1 (4 bytes)");
            assertThatThrownBy(() -> d.detectEncoded(List.of(good), List.of("a", "b")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("names: expected one per image (1), got 2");
        }
    }

    @Test
    void diagnosticsCarryWhatTheBackendSaysItRunsOn() {
        FakeBackend described = new FakeBackend() {
            @Override
            public Map<String, String> describe() {
                return Map.of("device", "fake GPU", "library", "1.2.3");
            }
        };
        try (YoloDetector d = detector(described, 1); YoloDetector silent = detector(new FakeBackend(), 1)) {
            assertThat(d.diagnostics().backendDetails()).containsEntry("device", "fake GPU").containsEntry("library", "1.2.3");
            assertThat(silent.diagnostics().backendDetails()).isEmpty();
        }
    }
}
