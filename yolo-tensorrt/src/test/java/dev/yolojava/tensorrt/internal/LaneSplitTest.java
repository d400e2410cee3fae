package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaneSplitTest {

    /** The seven darknet samples' compressed sizes in KB, by name (kite.jpg, 1,416 KB, fifth), cycled from {@code from}. */
    static long[] samplesCycled(int n, int from) {
        long[] kb = {164, 142, 383, 133, 1416, 114, 175};
        return IntStream.range(0, n).mapToLong(i -> kb[(from + i) % kb.length] * 1024).toArray();
    }

    static long[] samplesCycled(int n) {
        return samplesCycled(n, 0);
    }

    static long maxLoad(long[] work, int[][] parts) {
        return Arrays.stream(parts).mapToLong(p -> Arrays.stream(p).mapToLong(i -> work[i]).sum()).max().orElse(0);
    }

    @Test
    void everyImageGoesToExactlyOneLaneAndEachLaneKeepsItsEqualCountSize() {
        long[] work = samplesCycled(32);
        int[][] parts = LaneSplit.assign(work, 4);
        assertThat(parts).hasNumberOfRows(4);
        for (int[] p : parts) {
            assertThat(p).hasSize(8).isSorted();
        }
        assertThat(Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray())
                .containsExactly(IntStream.range(0, 32).toArray());
        int[][] uneven = LaneSplit.assign(samplesCycled(10), 4);
        assertThat(Arrays.stream(uneven).mapToInt(p -> p.length).toArray()).containsExactly(2, 3, 2, 3);
    }

    @Test
    void theLargestImagesAreSpreadSoNoLaneGetsTwoKitesWhileAnotherHasNone() {
        long[] work = samplesCycled(32, 4); // the batch that starts at kite.jpg: positions 0, 7, 14, 21, 28
        int[][] parts = LaneSplit.assign(work, 4);
        for (int[] p : parts) {
            assertThat(Arrays.stream(p).filter(i -> i % 7 == 0).count()).as(Arrays.toString(p)).isBetween(1L, 2L);
        }
        int[][] inOrder = new int[4][];
        for (int j = 0; j < 4; j++) {
            inOrder[j] = IntStream.range(j * 8, j * 8 + 8).toArray();
        }
        assertThat(maxLoad(work, parts)).as("busiest lane against the cut in order").isLessThan(maxLoad(work, inOrder));
    }

    @Test
    void fewerImagesThanLanesUseOneLaneEach() {
        int[][] parts = LaneSplit.assign(new long[]{5, 9}, 4);
        assertThat(parts).hasNumberOfRows(2);
        assertThat(parts[0]).hasSize(1);
        assertThat(parts[1]).hasSize(1);
        assertThatThrownBy(() -> LaneSplit.assign(new long[]{1}, 0)).hasMessageContaining("lanes: expected >= 1, got 0");
    }
}
