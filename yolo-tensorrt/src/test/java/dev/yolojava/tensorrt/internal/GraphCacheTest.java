package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The CUDA graph policy on the CPU: graphs are strings here, and every step is logged. */
class GraphCacheTest {
    final List<String> log = new ArrayList<>();
    final AtomicBoolean enabled = new AtomicBoolean(true);
    boolean captureFails;
    int captured;

    GraphCache<String> cache(int kept) {
        return new GraphCache<>("test", kept, enabled::get, work -> {
            work.run();
            return captureFails ? null : "g" + (++captured);
        }, g -> log.add("launch " + g), g -> log.add("destroy " + g));
    }

    void run(GraphCache<String> c, Object key) {
        c.run(key, () -> log.add("plain " + key), () -> log.add("capture " + key));
    }

    @Test
    void aKeyRunsPlainThenIsCapturedThenReplays() {
        GraphCache<String> c = cache(8);
        run(c, "a");
        run(c, "a");
        run(c, "a");
        assertThat(log).containsExactly("plain a", "capture a", "launch g1", "launch g1");
    }

    @Test
    void theLeastRecentlyUsedGraphIsDestroyedBeyondTheLimit() {
        GraphCache<String> c = cache(2);
        for (String k : List.of("a", "a", "b", "b", "a", "c", "c")) {
            run(c, k);
        }
        // a and b are captured; a is used again, so capturing c evicts b
        assertThat(log).containsSubsequence("capture a", "capture b", "launch g1", "capture c", "destroy g2", "launch g3");
        assertThat(c.size()).isEqualTo(2);
        log.clear();
        run(c, "a");
        assertThat(log).containsExactly("launch g1");
    }

    @Test
    void keysThatChurnTurnCapturingOffAndFreeEveryGraph() {
        GraphCache<String> c = cache(2);
        for (int i = 0; i < 40 && !c.off(); i++) { // each new key is seen twice (captured), evicting an older one
            run(c, i);
            run(c, i);
        }
        assertThat(c.off()).isTrue();
        assertThat(c.size()).isZero();
        assertThat(log.stream().filter(s -> s.startsWith("destroy")).count()).as("every graph freed").isEqualTo(captured);
        for (int i = 0; i < log.size(); i++) { // the capture that turned graphs off ran plain: no freed graph is launched
            if (log.get(i).startsWith("destroy ")) {
                String g = log.get(i).substring("destroy ".length());
                assertThat(log.subList(i, log.size())).as("launched after it was freed").doesNotContain("launch " + g);
            }
        }
        log.clear();
        run(c, 3);
        run(c, 3);
        assertThat(log).containsExactly("plain 3", "plain 3");
    }

    @Test
    void aFailedCaptureOrDisabledGraphsRunPlain() {
        GraphCache<String> c = cache(8);
        captureFails = true;
        run(c, "a");
        run(c, "a");
        assertThat(log).containsExactly("plain a", "capture a", "plain a");
        log.clear();
        captureFails = false;
        enabled.set(false);
        run(c, "b");
        run(c, "b");
        run(c, "b");
        assertThat(log).containsExactly("plain b", "plain b", "plain b");
    }
}
