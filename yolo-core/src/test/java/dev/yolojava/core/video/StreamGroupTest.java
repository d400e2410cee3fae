package dev.yolojava.core.video;

import dev.yolojava.core.FakeBackend;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.batch.DetectorPool;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several streams share one pool: every frame of each is detected once, a broken one ends alone. */
class StreamGroupTest {

    static DetectorPool pool(int n) {
        return DetectorPool.open(n, () -> YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(Path.of("f.onnx")).config()));
    }

    /** {@code frames} 64x64 frames, then the end; or, with {@code breakAt >= 0}, an error at that frame. */
    static VideoSource frames(String name, int frames, int breakAt) {
        return new VideoSource() {
            int next;
            boolean closed;

            @Override
            public VideoFrame read() {
                if (next == breakAt) {
                    throw new InvalidImageException("video " + name + " broke off at frame " + next);
                }
                if (next == frames) {
                    return null;
                }
                return new VideoFrame(next, 100_000L * next++, RawImage.rgb(new byte[64 * 64 * 3], 64, 64));
            }

            @Override
            public int framesKept() {
                return 1;
            }

            @Override
            public double frameRate() {
                return 10;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Test
    void everyFrameOfEveryStreamIsDetectedOnceAndABrokenStreamEndsAlone() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (DetectorPool p = pool(2);
             StreamGroup g = StreamGroup.builder(p)
                     .add(frames("a", 30, -1)).add(frames("b", 20, -1)).add(frames("broken", 50, 7))
                     .onFrame((s, f, d, t) -> {
                         assertThat(d).hasSize(1);
                         seen.add(s + ":" + f.index());
                     })
                     .start()) {
            assertThat(g.await(Duration.ofSeconds(20))).isTrue();
            assertThat(g.frames(0)).isEqualTo(30);
            assertThat(g.frames(1)).isEqualTo(20);
            assertThat(g.frames(2)).isEqualTo(7);
            assertThat(g.failure(0)).isNull();
            assertThat(g.failure(2)).hasMessage("video broken broke off at frame 7");
            assertThat(seen).hasSize(57).doesNotHaveDuplicates();
            assertThat(seen.stream().filter(x -> x.startsWith("1:"))).hasSize(20);
            assertThat(g.droppedFrames(0)).isZero();
        }
    }

    @Test
    void theFrameLimitStopsEachStreamAndCloseStopsALiveStreamThatNeverEnds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        VideoSource endless = new LiveVideoSource(frames("endless", Integer.MAX_VALUE, -1), 2, 1);
        StreamGroup g;
        try (DetectorPool p = pool(1)) {
            g = StreamGroup.builder(p).add(frames("file", 100, -1)).add(endless).maxFramesPerStream(10_000)
                    .onFrame((s, f, d, t) -> started.countDown()).start();
            started.await();
            long deadline = System.nanoTime() + 20_000_000_000L; // the file's 100 frames, however busy the machine
            while (g.frames(0) < 100 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(g.await(Duration.ofMillis(200))).as("the live stream never ends by itself").isFalse();
            g.close();
            assertThat(g.frames(0)).isEqualTo(100);
            assertThat(g.frames(1)).isBetween(1L, 10_000L);
            assertThat(g.await(Duration.ofSeconds(1))).as("closed: every thread ended").isTrue();
        }
        try (DetectorPool p = pool(1);
             StreamGroup limited = StreamGroup.builder(p).add(frames("f", 100, -1)).maxFramesPerStream(5).start()) {
            assertThat(limited.await(Duration.ofSeconds(10))).isTrue();
            assertThat(limited.frames(0)).isEqualTo(5);
        }
        try (DetectorPool p = pool(1)) {
            assertThatThrownBy(() -> StreamGroup.builder(p).start()).hasMessageContaining("add at least one stream");
            assertThatThrownBy(() -> StreamGroup.builder(p).maxFramesPerStream(0))
                    .hasMessage("maxFramesPerStream: expected >= 1, got 0");
        }
    }

    @Test
    void batchingGathersFramesOfSeveralStreamsIntoOneCallAndABrokenStreamStillEndsAlone() {
        List<FakeBackend> backends = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (DetectorPool p = DetectorPool.open(1, () -> {
                 FakeBackend b = new FakeBackend() {
                     @Override
                     public dev.yolojava.core.spi.OutputTensor infer(java.nio.FloatBuffer input, int batch) {
                         batches.add(batch);
                         return super.infer(input, batch);
                     }
                 };
                 backends.add(b);
                 return YoloDetector.withBackend(b, YoloDetector.builder().model(Path.of("f.onnx")).batchSize(8).config());
             });
             StreamGroup g = StreamGroup.builder(p)
                     .add(frames("a", 20, -1)).add(frames("b", 20, -1)).add(frames("c", 20, -1))
                     .add(frames("d", 20, -1)).add(frames("broken", 20, 5))
                     .batching(8, Duration.ofMillis(100), 1)
                     .onFrame((s, f, d, t) -> {
                         assertThat(d).hasSize(1);
                         seen.add(s + ":" + f.index());
                     })
                     .start()) {
            assertThat(g.await(Duration.ofSeconds(60))).isTrue();
            assertThat(seen).hasSize(85).doesNotHaveDuplicates();
            assertThat(g.frames(3)).isEqualTo(20);
            assertThat(g.failure(4)).hasMessage("video broken broke off at frame 5");
            int images = batches.stream().mapToInt(Integer::intValue).sum();
            assertThat(images).isEqualTo(85);
            assertThat(batches.size()).as("calls for 85 frames of 5 streams, gathered: " + batches).isLessThanOrEqualTo(43);
            assertThat(batches).allMatch(b -> b <= 8);
        }
        try (DetectorPool p = pool(1)) {
            assertThatThrownBy(() -> StreamGroup.builder(p).batching(0, Duration.ZERO, 1)).hasMessageContaining("maxBatch");
            assertThatThrownBy(() -> StreamGroup.builder(p).batching(4, Duration.ZERO, 0)).hasMessageContaining("workers");
        }
    }
}
