package dev.yolojava.core.video;

import dev.yolojava.core.FakeBackend;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every frame of a source is detected once, in order, with its index and timestamp. */
class VideoDetectionsTest {

    /** A source of {@code n} 64x64 frames, each filled with its index, keeping {@code kept} buffers. */
    static class Counting implements VideoSource {
        final int n, kept;
        int read;
        boolean closed;

        Counting(int n, int kept) {
            this.n = n;
            this.kept = kept;
        }

        @Override
        public VideoFrame read() {
            if (read == n) {
                return null;
            }
            byte[] px = new byte[64 * 64 * 3];
            java.util.Arrays.fill(px, (byte) read);
            return new VideoFrame(read, 40_000L * read++, RawImage.bgr(px, 64, 64));
        }

        @Override
        public int framesKept() {
            return kept;
        }

        @Override
        public double frameRate() {
            return 25;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void everyFrameIsDetectedOnceInOrder() {
        FakeBackend fake = new FakeBackend();
        Counting source = new Counting(7, 4);
        List<Long> indices = new ArrayList<>();
        try (YoloDetector d = YoloDetector.withBackend(fake, YoloDetector.builder().model(Path.of("fake.onnx")).config());
             VideoDetections frames = d.stream(source)) {
            while (frames.hasNext()) {
                FrameResult r = frames.next();
                indices.add(r.frameIndex());
                assertThat(r.timestampMicros()).isEqualTo(40_000L * r.frameIndex());
                assertThat(r.detections()).singleElement().satisfies(x -> assertThat(x.label()).isEqualTo("dog"));
                assertThat(r.hostFrame().pixels().get(0)).as("the frame's own pixels").isEqualTo((byte) r.frameIndex());
            }
        }
        assertThat(indices).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(fake.calls).isEqualTo(7);
        assertThat(source.closed).as("the source stays the caller's").isFalse();
    }
}
