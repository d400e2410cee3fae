package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames land at their offsets whether copied on the caller's thread or on several. */
class StagingCopyTest {

    static void check(int frames, int bytesEach, boolean expectParallel) {
        List<ByteBuffer> src = new ArrayList<>();
        long[] lengths = new long[frames], offsets = new long[frames];
        for (int i = 0; i < frames; i++) {
            ByteBuffer b = ByteBuffer.allocate(bytesEach + 3);
            b.put((byte) 99); // the frame starts after a byte the copy must skip
            for (int k = 0; k < bytesEach; k++) {
                b.put((byte) (i * 7 + k));
            }
            b.put((byte) 99).put((byte) 99); // and ends before two more
            b.position(1);
            src.add(b);
            lengths[i] = bytesEach;
            offsets[i] = (long) (frames - 1 - i) * (bytesEach + 256); // in reverse order, with gaps
        }
        ByteBuffer dst = ByteBuffer.allocateDirect((int) ((bytesEach + 256L) * frames));
        assertThat(StagingCopy.copy(src, lengths, offsets, dst)).isEqualTo(expectParallel);
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < bytesEach; k += Math.max(1, bytesEach / 97)) {
                assertThat(dst.get((int) offsets[i] + k)).as("frame " + i + " byte " + k).isEqualTo((byte) (i * 7 + k));
            }
            int after = (int) offsets[i] + bytesEach;
            assertThat(dst.get(after)).as("nothing past frame " + i).isZero();
            assertThat(src.get(i).position()).as("the caller's buffer untouched").isEqualTo(1);
        }
    }

    @Test
    void smallBatchesAreCopiedOnTheCallersThread() {
        check(4, 1000, false);
    }

    @Test
    void largeBatchesAreCopiedOnSeveralThreadsToTheSameOffsets() {
        check(12, 1 << 20, true);
    }
}
