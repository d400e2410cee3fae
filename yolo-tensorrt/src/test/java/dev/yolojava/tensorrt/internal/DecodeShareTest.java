package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CPU takes the share of a batch's JPEGs that lets it finish with nvJPEG, once both paces are known. */
class DecodeShareTest {
    static final long[] BYTES = {100, 400, 200, 300, 1000, 100};
    static final boolean[] ALL = {true, true, true, true, true, true};

    static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    @Test
    void untilNvJpegsPaceIsKnownNothingMovesThenTheSmallestImageTeachesTheCpusPace() {
        DecodeShare s = new DecodeShare(4);
        assertThat(count(s.choose(BYTES, ALL))).isZero();
        s.recordGpu(2100, 1_000_000);
        boolean[] probe = s.choose(BYTES, ALL);
        assertThat(count(probe)).isEqualTo(1);
        assertThat(probe[0] || probe[5]).as("a smallest image").isTrue();
    }

    @Test
    void theCpuTakesWhatItCanFinishWithinNvJpegsTimeForTheRest() {
        DecodeShare s = new DecodeShare(4);
        s.recordGpu(2100, 1_000_000);  // 2,100 bytes per ms for the whole batch
        s.recordCpu(400, 1_000_000);   // 400 bytes per ms per thread
        boolean[] toCpu = s.choose(BYTES, ALL);
        long cpuMax = 0, gpu = 0;
        for (int i = 0; i < BYTES.length; i++) {
            if (toCpu[i]) {
                cpuMax = Math.max(cpuMax, BYTES[i]);
            } else {
                gpu += BYTES[i];
            }
        }
        assertThat(toCpu).as("the 300 and the 200 (0.75 ms on a thread each, nvJPEG 0.76 ms for the rest)")
                .containsExactly(false, false, true, true, false, false);
        assertThat(cpuMax / 400.0).as("each CPU image within nvJPEG's time for the rest").isLessThanOrEqualTo(gpu / 2100.0);
    }

    @Test
    void aSlowCpuTakesNothingAndImagesOnlyTheCpuDecodesLoadItsThreadsFirst() {
        DecodeShare s = new DecodeShare(2);
        s.recordGpu(2100, 1_000_000);
        s.recordCpu(1, 1_000_000);
        assertThat(count(s.choose(BYTES, ALL))).isZero();
        DecodeShare fast = new DecodeShare(1);
        fast.recordGpu(1000, 1_000_000);
        fast.recordCpu(1000, 1_000_000);
        boolean[] capable = {false, true, true};
        long[] bytes = {900, 500, 500};
        assertThat(count(fast.choose(bytes, capable))).as("the one thread is busy with the 900 already").isZero();
        assertThat(count(fast.choose(new long[]{100, 500, 500}, capable))).isEqualTo(0);
        assertThat(count(fast.choose(new long[]{10, 500, 2000}, capable))).as("500 on the CPU, 2,000 on nvJPEG").isEqualTo(1);
    }

    @Test
    void nvJpegAlwaysKeepsAnImageAndBadThreadCountsAreRefused() {
        DecodeShare s = new DecodeShare(64);
        s.recordGpu(1, 1_000_000);
        s.recordCpu(1_000_000, 1_000_000);
        assertThat(count(s.choose(BYTES, ALL))).isEqualTo(BYTES.length - 1);
        assertThatThrownBy(() -> new DecodeShare(0)).hasMessageContaining("threads");
    }
}
