package dev.yolojava.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StreamTimesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theSteadyRateCountsOnlyFramesWhileEveryStreamDelivers() {
        StreamTimes t = new StreamTimes(2);
        for (int i = 0; i <= 10; i++) {
            t.add(0, 1.0, i * S); // stream 0: a frame a second from 0 to 10 s
        }
        for (int i = 2; i <= 12; i++) {
            t.add(1, 1.0, i * S); // stream 1: from 2 to 12 s
        }
        // window (2 s, 10 s]: 8 frames of each stream in 8 s; the whole run would say 22 frames in 12 s
        assertThat(t.steadyFps()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void theStartUpLastsUntilTheSlowestStreamsFirstResult() {
        StreamTimes t = new StreamTimes(3);
        t.add(0, 1.0, 11 * S);
        t.add(0, 1.0, 12 * S);
        t.add(1, 1.0, 14 * S); // the last stream to start
        t.add(2, 1.0, 12 * S);
        t.add(2, 1.0, 20 * S);
        assertThat(t.startedSeconds(10 * S)).isCloseTo(4.0, within(1e-9));

        StreamTimes idle = new StreamTimes(2);
        idle.add(0, 1.0, S);
        assertThat(idle.startedSeconds(0)).isNaN();
    }

    @Test
    void aStreamWithoutFramesOrStreamsThatNeverOverlapGiveNoSteadyRate() {
        StreamTimes none = new StreamTimes(2);
        none.add(0, 1.0, S);
        assertThat(none.steadyFps()).isNaN();

        StreamTimes apart = new StreamTimes(2);
        apart.add(0, 1.0, S);
        apart.add(0, 1.0, 2 * S);
        apart.add(1, 1.0, 3 * S);
        apart.add(1, 1.0, 4 * S);
        assertThat(apart.steadyFps()).isNaN();
    }

    @Test
    void latenciesOfEveryStreamComeBackSortedPastTheFirstGrowth() {
        StreamTimes t = new StreamTimes(2);
        for (int i = 0; i < 100; i++) {
            t.add(i % 2, 100 - i, i);
        }
        double[] all = t.sortedLatencies();
        assertThat(all).hasSize(100);
        assertThat(all[0]).isEqualTo(1.0);
        assertThat(all[99]).isEqualTo(100.0);
    }
}
