package dev.yolojava.core;

import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.internal.decode.OutputLayout;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.DeviceDecodeSpec;
import dev.yolojava.core.spi.DeviceDecoding;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeviceDecodingDetectorTest {

    /** The fake model, plus a "device" that returns one fixed box per image, or overflows on request. */
    static final class DecodingFake extends FakeBackend implements DeviceDecoding {
        final List<DeviceDecodeSpec> offered = new ArrayList<>();
        boolean accept = true;
        boolean overflow;

        @Override
        public boolean enableDeviceDecoding(DeviceDecodeSpec spec) {
            offered.add(spec);
            return accept;
        }

        @Override
        public boolean deviceDetections(int image, Candidates out) {
            if (overflow) {
                return false;
            }
            out.add(8, 24, 24, 40, 0.75f, 0); // a cat, in input pixels
            return true;
        }
    }

    private static RawImage image() {
        return RawImage.rgb(new byte[128 * 64 * 3], 128, 64); // gain 0.5, 16 rows of padding on top
    }

    @Test
    void offersTheDecoderAndNmsSettingsAndUsesTheDeviceBoxes() {
        DecodingFake fake = new DecodingFake();
        YoloConfig cfg = YoloDetector.builder().model(Path.of("fake.onnx")).confidenceThreshold(0.3f)
                .iouThreshold(0.6f).maxDetections(7).agnosticNms(true).classes(List.of(0, 1)).config();
        try (YoloDetector d = YoloDetector.withBackend(fake, cfg)) {
            assertThat(d.diagnostics().decodesOnDevice()).isTrue();
            DeviceDecodeSpec spec = fake.offered.get(0);
            assertThat(spec.layout()).isEqualTo(OutputLayout.YOLOV8);
            assertThat(spec.numClasses()).isEqualTo(2);
            assertThat(spec.confidenceThreshold()).isEqualTo(0.3f);
            assertThat(spec.iouThreshold()).isEqualTo(0.6f);
            assertThat(spec.maxDetections()).isEqualTo(7);
            assertThat(spec.agnostic()).isTrue();
            assertThat(spec.classFilter()).containsExactly(true, true);

            List<Detection> dets = d.detect(image());
            assertThat(dets).singleElement().satisfies(det -> {
                assertThat(det.label()).isEqualTo("cat");
                assertThat(det.score()).isEqualTo(0.75f);
                assertThat(det.box().x1()).isCloseTo(16f, within(1e-3f));   // 8 / 0.5
                assertThat(det.box().y1()).isCloseTo(16f, within(1e-3f));   // (24 - 16) / 0.5
                assertThat(det.box().y2()).isCloseTo(48f, within(1e-3f));
            });
        }
    }

    @Test
    void decodesTheRawOutputItselfWhenTheDeviceOverflows() {
        DecodingFake fake = new DecodingFake();
        fake.overflow = true;
        try (YoloDetector d = YoloDetector.withBackend(fake, YoloDetector.builder().model(Path.of("fake.onnx")).config())) {
            assertThat(d.diagnostics().decodesOnDevice()).isTrue();
            assertThat(d.detect(image())).singleElement().satisfies(det -> assertThat(det.label()).isEqualTo("dog"));
        }
    }

    @Test
    void decodesOnTheCpuWhenTheBackendDeclines() {
        DecodingFake fake = new DecodingFake();
        fake.accept = false;
        try (YoloDetector d = YoloDetector.withBackend(fake, YoloDetector.builder().model(Path.of("fake.onnx"))
                .batchSize(2).config())) {
            assertThat(d.diagnostics().decodesOnDevice()).isFalse();
            assertThat(d.detectBatch(List.of(image(), image()))).hasSize(2)
                    .allSatisfy(l -> assertThat(l).singleElement().satisfies(det -> assertThat(det.label()).isEqualTo("dog")));
        }
    }
}
