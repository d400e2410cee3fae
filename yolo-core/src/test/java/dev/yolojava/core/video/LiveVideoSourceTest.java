package dev.yolojava.core.video;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A live source drops its oldest waiting frames when the consumer falls behind, and never tears a held frame. */
class LiveVideoSourceTest {

    @Test
    void aSlowConsumerGetsRecentFramesInOrderAndTheDropsAreCounted() throws Exception {
        VideoDetectionsTest.Counting camera = new VideoDetectionsTest.Counting(200, 4);
        List<VideoFrame> held = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        try (LiveVideoSource live = new LiveVideoSource(camera, 2, 3)) {
            for (VideoFrame f = live.read(); f != null; f = live.read()) {
                indices.add(f.index());
                held.add(f);
                if (held.size() > 3) {
                    held.remove(0);
                }
                for (VideoFrame h : held) { // frames the consumer still holds keep their own pixels
                    assertThat(h.image().pixels().get(0)).as("frame " + h.index()).isEqualTo((byte) h.index());
                    assertThat(h.image().pixels().get(64 * 64 * 3 - 1)).isEqualTo((byte) h.index());
                }
                Thread.sleep(2); // slower than the camera
            }
            assertThat(live.droppedFrames()).as("frames dropped").isPositive();
            assertThat(indices.size() + live.droppedFrames()).as("delivered + dropped").isEqualTo(200);
        }
        assertThat(indices).isSorted().doesNotHaveDuplicates();
        assertThat(indices.get(indices.size() - 1)).as("the newest frame is delivered").isEqualTo(199L);
        assertThat(camera.closed).isTrue();
    }

    @Test
    void withRoomForEveryFrameNothingIsDroppedAndAllArriveInOrder() throws Exception {
        VideoDetectionsTest.Counting camera = new VideoDetectionsTest.Counting(20, 4) {
            @Override
            public VideoFrame read() {
                try {
                    Thread.sleep(3); // a camera's pace
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.read();
            }
        };
        long n = 0;
        try (LiveVideoSource live = new LiveVideoSource(camera, 20, 2)) {
            for (VideoFrame f = live.read(); f != null; f = live.read()) {
                assertThat(f.index()).isEqualTo(n++);
            }
            assertThat(live.droppedFrames()).isZero();
        }
        assertThat(n).isEqualTo(20);
    }
}
