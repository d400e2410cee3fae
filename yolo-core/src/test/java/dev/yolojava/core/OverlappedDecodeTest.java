package dev.yolojava.core;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.EncodedImageDecoding;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.core.spi.PipelinedBackend;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Long lists on a backend that keeps two calls in flight: batch k is decoded (or taken) and submitted before batch k-1
 * is awaited, so each batch decodes while the previous one infers and the GPU always has the next one queued.
 */
class OverlappedDecodeTest {

    /** The two-deep fake backend of {@link FramePipelineTest} that also decodes (an image of one byte 'x' is corrupt). */
    static final class DecodingFake extends FramePipelineTest.PipelinedFake implements EncodedImageDecoding {
        int decodes;

        @Override
        public List<Frame> decodeImages(List<byte[]> images, List<String> names) {
            log.add("decode " + decodes++ + " (" + images.size() + ")");
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i).length == 1 && images.get(i)[0] == 'x') {
                    throw new InvalidImageException(names.get(i) + ": not an image");
                }
                frames.add(RawImage.rgb(new byte[64 * 64 * 3], 64, 64));
            }
            return frames;
        }
    }

    private static YoloDetector detector(FakeBackend b) {
        return YoloDetector.withBackend(b, YoloDetector.builder().model(Path.of("fake.onnx")).batchSize(2).config());
    }

    private static List<byte[]> images(String... kinds) {
        List<byte[]> out = new ArrayList<>();
        for (String k : kinds) {
            out.add(k.equals("bad") ? new byte[]{'x'} : new byte[]{1, 2, 3});
        }
        return out;
    }

    @Test
    void eachBatchDecodesWhileThePreviousOneIsInFlight() {
        DecodingFake fake = new DecodingFake();
        try (YoloDetector d = detector(fake)) {
            List<List<Detection>> out = d.detectEncoded(images("a", "b", "c", "d", "e"));
            assertThat(out).hasSize(5).allSatisfy(dets -> assertThat(dets).singleElement()
                    .satisfies(det -> assertThat(det.label()).isEqualTo("dog")));
            assertThat(fake.log).containsExactly("decode 0 (2)", "submit 0", "decode 1 (2)", "submit 1", "await 0",
                    "decode 2 (1)", "submit 2", "await 1", "await 2");
            assertThat(fake.inFlight).isZero();
        }
    }

    @Test
    void aLongListOfFramesIsSubmittedOneBatchAheadOfTheOneAwaited() {
        DecodingFake fake = new DecodingFake();
        try (YoloDetector d = detector(fake)) {
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                frames.add(RawImage.rgb(new byte[64 * 64 * 3], 64, 64));
            }
            assertThat(d.detectBatch(frames)).hasSize(5).allSatisfy(dets -> assertThat(dets).hasSize(1));
            assertThat(fake.log).containsExactly("submit 0", "submit 1", "await 0", "submit 2", "await 1", "await 2");
            assertThat(fake.inFlight).isZero();
            fake.log.clear();
            assertThat(d.detectBatch(frames.subList(0, 2))).hasSize(2);
            assertThat(fake.log).as("one batch: a plain call").containsExactly("sync");
        }
    }

    @Test
    void oneBatchRunsAtOnce() {
        DecodingFake fake = new DecodingFake();
        try (YoloDetector d = detector(fake)) {
            assertThat(d.detectEncoded(images("a", "b"))).hasSize(2);
            assertThat(fake.log).containsExactly("decode 0 (2)", "sync");
        }
    }

    @Test
    void aCorruptImageIsNamedAndTheBatchInFlightEndsBeforeTheError() {
        DecodingFake fake = new DecodingFake();
        try (YoloDetector d = detector(fake)) {
            assertThatThrownBy(() -> d.detectEncoded(images("a", "b", "bad", "d", "e")))
                    .isInstanceOf(InvalidImageException.class).hasMessageContaining("image 2");
            assertThat(fake.log).containsExactly("decode 0 (2)", "submit 0", "decode 1 (2)", "await 0");
            assertThat(fake.inFlight).isZero();
            assertThat(d.detectEncoded(images("a", "b", "c"))).hasSize(3); // still usable
        }
    }
}
