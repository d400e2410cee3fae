package dev.yolojava.core;

import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.core.spi.PipelinedBackend;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FramePipelineTest {

    /** The fake model as a two-deep pipelined backend that logs submits and awaits. */
    static class PipelinedFake extends FakeBackend implements PipelinedBackend {
        final List<String> log = new ArrayList<>();
        int inFlight;
        int maxInFlight;
        int submitted;
        int failAwait = -1;

        @Override
        public int pipelineDepth() {
            return 2;
        }

        @Override
        public OutputTensor inferFrames(List<? extends Frame> frames, List<Letterbox> letterboxes) {
            log.add("sync");
            return infer(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asFloatBuffer(), frames.size());
        }

        @Override
        public PendingOutput submitFrames(List<? extends Frame> frames, List<Letterbox> letterboxes) {
            int id = submitted++;
            if (++inFlight > pipelineDepth()) {
                throw new IllegalStateException("depth exceeded");
            }
            maxInFlight = Math.max(maxInFlight, inFlight);
            log.add("submit " + id);
            int n = frames.size();
            return () -> {
                inFlight--;
                log.add("await " + id);
                if (id == failAwait) {
                    throw new IllegalStateException("device error on frame " + id);
                }
                return infer(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asFloatBuffer(), n);
            };
        }
    }

    private static RawImage frame() {
        return RawImage.rgb(new byte[64 * 64 * 3], 64, 64);
    }

    private static YoloDetector detector(FakeBackend b) {
        return YoloDetector.withBackend(b, YoloDetector.builder().model(Path.of("fake.onnx")).config());
    }

    @Test
    void keepsTwoFramesInFlightAndCompletesThemInOrder() {
        PipelinedFake fake = new PipelinedFake();
        try (YoloDetector d = detector(fake); FramePipeline p = d.pipeline()) {
            assertThat(p.depth()).isEqualTo(2);
            List<CompletableFuture<List<Detection>>> f = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                f.add(p.submit(frame()));
            }
            assertThat(fake.maxInFlight).isEqualTo(2);
            assertThat(f.subList(0, 3)).allMatch(CompletableFuture::isDone);
            assertThat(f.subList(3, 5)).noneMatch(CompletableFuture::isDone);
            // frame N+1 is submitted before frame N is awaited
            assertThat(fake.log).containsExactly("submit 0", "submit 1", "await 0", "submit 2", "await 1", "submit 3",
                    "await 2", "submit 4");
            p.flush();
            assertThat(f).allSatisfy(x -> assertThat(x.join()).singleElement()
                    .satisfies(det -> assertThat(det.label()).isEqualTo("dog")));
        }
    }

    @Test
    void aSynchronousDetectAndCloseCompleteTheFramesInFlight() {
        PipelinedFake fake = new PipelinedFake();
        YoloDetector d = detector(fake);
        FramePipeline p = d.pipeline();
        CompletableFuture<List<Detection>> first = p.submit(frame());
        assertThat(first).isNotDone();
        d.detect(frame());
        assertThat(first).isDone();
        assertThat(fake.log).containsExactly("submit 0", "await 0", "sync");
        CompletableFuture<List<Detection>> second = p.submit(frame());
        d.close();
        assertThat(second.join()).hasSize(1);
        assertThatThrownBy(() -> p.submit(frame())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedAwaitFailsOnlyThatFrame() {
        PipelinedFake fake = new PipelinedFake();
        fake.failAwait = 0;
        try (YoloDetector d = detector(fake); FramePipeline p = d.pipeline()) {
            CompletableFuture<List<Detection>> bad = p.submit(frame()), good = p.submit(frame());
            p.flush();
            assertThatThrownBy(bad::join).isInstanceOf(CompletionException.class).hasMessageContaining("frame 0");
            assertThat(good.join()).hasSize(1);
        }
    }

    @Test
    void aBackendThatCannotPipelineRunsEachFrameAtOnce() {
        FakeBackend fake = new FakeBackend();
        try (YoloDetector d = detector(fake); FramePipeline p = d.pipeline()) {
            assertThat(p.depth()).isEqualTo(1);
            assertThat(p.submit(frame())).isDone();
            assertThat(fake.calls).isEqualTo(1);
            p.close();
            assertThatThrownBy(() -> p.submit(frame())).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void callbacksChainedOnAFrameRunOutsideTheDetectorsLock() {
        PipelinedFake fake = new PipelinedFake();
        try (YoloDetector d = detector(fake); FramePipeline p = d.pipeline()) {
            List<Boolean> heldInCallback = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                p.submit(frame()).thenRun(() -> heldInCallback.add(d.lockHeldByCurrentThread()));
            }
            p.flush();
            assertThat(heldInCallback).hasSize(4).containsOnly(false);
        }
    }

    @Test
    void callbacksRunInsideTheRangeTheFrameWasSubmittedIn(@org.junit.jupiter.api.io.TempDir Path dir) {
        dev.yolojava.profiler.Profiler.start(dev.yolojava.profiler.ProfilerConfig.builder().enabled(true).cupti(false)
                .nvtx(false).exporters(List.of()).outputDir(dir).build());
        dev.yolojava.profiler.model.ProfileData data;
        try (YoloDetector d = detector(new PipelinedFake()); FramePipeline p = d.pipeline()) {
            try (dev.yolojava.profiler.ProfilerRange camera = dev.yolojava.profiler.Profiler.range("camera-frame")) {
                p.submit(frame()).thenRun(() -> {
                    try (dev.yolojava.profiler.ProfilerRange r = dev.yolojava.profiler.Profiler.range("draw")) {
                        r.attribute("ok", 1);
                    }
                });
            }
            p.flush(); // completes outside the camera-frame range
        } finally {
            data = dev.yolojava.profiler.Profiler.stop();
        }
        var camera = data.ranges().stream().filter(r -> r.name().equals("camera-frame")).findFirst().orElseThrow();
        var draw = data.ranges().stream().filter(r -> r.name().equals("draw")).findFirst().orElseThrow();
        assertThat(draw.parentId()).isEqualTo(camera.id());
    }
}
