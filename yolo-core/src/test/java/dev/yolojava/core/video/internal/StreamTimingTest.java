package dev.yolojava.core.video.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

class StreamTimingTest {

    @Test
    void timestampsCountFromTheStreamsStartInMicroseconds() {
        StreamTiming t = StreamTiming.of(1, 90_000, 3_000, 30, 1, 300, 0);
        assertThat(t.micros(3_000)).isZero();
        assertThat(t.micros(3_000 + 3_000)).isEqualTo(33_333); // one frame at 30 fps on a 90 kHz clock
        assertThat(t.micros(0)).as("before the start: never negative").isZero();
        assertThat(t.micros(AV_NOPTS_VALUE)).isZero();
    }

    @Test
    void aStreamWithoutAStartTimeCountsFromZero() {
        StreamTiming t = StreamTiming.of(1, 25, AV_NOPTS_VALUE, 25, 1, 0, 0);
        assertThat(t.startPts()).isZero();
        assertThat(t.micros(50)).isEqualTo(2_000_000);
    }

    @Test
    void theFrameCountComesFromTheDurationWhenNoneIsDeclaredAndTheRateIsZeroWhenUnknown() {
        assertThat(StreamTiming.of(1, 1000, 0, 10, 1, 0, 79_500_000).declaredFrames()).isEqualTo(795);
        assertThat(StreamTiming.of(1, 1000, 0, 10, 1, 795, 99_000_000).declaredFrames()).as("declared wins").isEqualTo(795);
        StreamTiming unknown = StreamTiming.of(1, 1000, 0, 0, 0, 0, 5_000_000);
        assertThat(unknown.frameRate()).isZero();
        assertThat(unknown.declaredFrames()).isZero();
    }
}
