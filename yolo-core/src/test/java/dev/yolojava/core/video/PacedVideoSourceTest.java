package dev.yolojava.core.video;

import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded source played at its timestamps, on a fake clock. */
class PacedVideoSourceTest {

    /** Frames at 0, 40, 80, 120 ms; the stream's own timestamps start at 5 s (as a cut from a longer file). */
    private static VideoSource fourFramesAt25Fps() {
        return new VideoSource() {
            int next;

            @Override
            public VideoFrame read() {
                if (next == 4) {
                    return null;
                }
                RawImage img = new RawImage(ByteBuffer.allocate(3), 1, 1, 3, PixelFormat.BGR);
                return new VideoFrame(next, 5_000_000 + 40_000L * next++, img);
            }

            @Override
            public int framesKept() {
                return 1;
            }

            @Override
            public double frameRate() {
                return 25;
            }

            @Override
            public String name() {
                return "four";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void eachFrameIsDeliveredAtItsTimestampAfterTheFirst() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Long> slept = new ArrayList<>();
        PacedVideoSource paced = new PacedVideoSource(fourFramesAt25Fps(), now::get, n -> {
            slept.add(n);
            now.addAndGet(n);
        });
        List<Long> deliveredAt = new ArrayList<>();
        List<Long> due = new ArrayList<>();
        for (VideoFrame f = paced.read(); f != null; f = paced.read()) {
            deliveredAt.add(now.get());
            due.add(paced.dueNanos(f));
            now.addAndGet(10_000_000L); // the consumer spends 10 ms per frame
        }
        assertThat(deliveredAt).containsExactly(1_000_000_000L, 1_040_000_000L, 1_080_000_000L, 1_120_000_000L);
        assertThat(due).isEqualTo(deliveredAt);
        assertThat(slept).containsExactly(30_000_000L, 30_000_000L, 30_000_000L);
    }

    @Test
    void aConsumerThatIsLateIsNeverMadeToWait() {
        AtomicLong now = new AtomicLong(0);
        List<Long> slept = new ArrayList<>();
        PacedVideoSource paced = new PacedVideoSource(fourFramesAt25Fps(), now::get, n -> {
            slept.add(n);
            now.addAndGet(n);
        });
        int frames = 0;
        for (VideoFrame f = paced.read(); f != null; f = paced.read()) {
            frames++;
            now.addAndGet(100_000_000L); // 100 ms per frame: behind the 40 ms pace
        }
        assertThat(frames).isEqualTo(4);
        assertThat(slept).isEmpty();
    }
}
