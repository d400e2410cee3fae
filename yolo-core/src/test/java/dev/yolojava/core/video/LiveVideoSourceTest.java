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
                    assertThat(h.hostImage().pixels().get(0)).as("frame " + h.index()).isEqualTo((byte) h.index());
                    assertThat(h.hostImage().pixels().get(64 * 64 * 3 - 1)).isEqualTo((byte) h.index());
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

    @Test
    void framesBeforeTheFirstReadAreNeitherReadNorCountedAsDropped() throws Exception {
        VideoDetectionsTest.Counting camera = new VideoDetectionsTest.Counting(30, 4);
        try (LiveVideoSource live = new LiveVideoSource(camera, 2, 1)) {
            Thread.sleep(50); // a consumer still opening its other streams, or warming its detector
            assertThat(camera.read).as("frames read before anyone asked").isZero();
            VideoFrame first = live.read();
            assertThat(first.index()).isZero();
            assertThat(first.hostImage().pixels().get(0)).as("the camera's first frame").isEqualTo((byte) 0);
        }
        assertThat(camera.closed).isTrue();
    }

    @Test
    void aSourceClosedBeforeItsFirstReadEndsAtOnce() {
        VideoDetectionsTest.Counting camera = new VideoDetectionsTest.Counting(30, 4);
        LiveVideoSource live = new LiveVideoSource(camera, 2, 1);
        live.close();
        assertThat(live.read()).isNull();
        assertThat(camera.read).isZero();
        assertThat(camera.closed).isTrue();
    }

    @Test
    void aBrokenStreamIsReopenedAndAClearErrorEndsItWhenTheAttemptsRunOut() {
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<VideoSource> opener = () -> switch (opened.incrementAndGet()) {
            case 1 -> new VideoDetectionsTest.Counting(5, 4) { // breaks off after 5 frames
                @Override
                public VideoFrame read() {
                    if (read == 5) {
                        throw new dev.yolojava.core.InvalidImageException("connection reset");
                    }
                    return super.read();
                }
            };
            case 2 -> new VideoDetectionsTest.Counting(5, 4); // 5 more, then the camera goes away
            default -> throw new dev.yolojava.core.InvalidImageException("connection refused");
        };
        List<Long> indices = new ArrayList<>();
        try (LiveVideoSource live = LiveVideoSource.reconnecting(opener, 2, java.time.Duration.ofMillis(1), 32, 2)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                for (VideoFrame f = live.read(); f != null; f = live.read()) {
                    indices.add(f.index());
                }
            }).isInstanceOf(dev.yolojava.core.InvalidImageException.class).hasMessageContaining("counting")
                    .hasMessageContaining("gave up after 2 reconnect attempt(s)");
            assertThat(live.reconnects()).isEqualTo(1);
        }
        assertThat(indices).as("frames numbered across the reconnect").containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(opened).hasValue(4);
    }

    @Test
    void withoutReconnectsAStreamThatEndsEndsCleanly() {
        long n = 0;
        try (LiveVideoSource live = LiveVideoSource.reconnecting(() -> new VideoDetectionsTest.Counting(6, 4), 0,
                java.time.Duration.ZERO, 32, 2)) {
            while (live.read() != null) {
                n++;
            }
            assertThat(live.reconnects()).isZero();
        }
        assertThat(n).isEqualTo(6);
    }
}
