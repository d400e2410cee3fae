package dev.yolojava.core.internal.nms;

import dev.yolojava.core.internal.decode.Candidates;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NonMaxSuppressionTest {

    @Test
    void suppressesOverlapsOfTheSameClassKeepingTheBest() {
        Candidates c = new Candidates();
        c.add(0, 0, 10, 10, 0.8f, 0);
        c.add(1, 1, 11, 11, 0.9f, 0);   // IoU 0.68 with the first
        c.add(50, 50, 60, 60, 0.5f, 0); // far away
        int[] keep = new NonMaxSuppression(0.45f, 300, false).apply(c);
        assertThat(keep).containsExactly(1, 2);
    }

    @Test
    void overlappingBoxesOfDifferentClassesSurviveUnlessAgnostic() {
        Candidates c = new Candidates();
        c.add(0, 0, 10, 10, 0.9f, 0);
        c.add(0, 0, 10, 10, 0.7f, 1);
        assertThat(new NonMaxSuppression(0.45f, 300, false).apply(c)).containsExactly(0, 1);
        assertThat(new NonMaxSuppression(0.45f, 300, true).apply(c)).containsExactly(0);
    }

    @Test
    void tiesKeepInputOrderAndIouAtTheThresholdIsKept() {
        Candidates c = new Candidates();
        c.add(0, 0, 10, 10, 0.5f, 0);
        c.add(20, 0, 30, 10, 0.5f, 0);
        c.add(0, 0, 10, 20, 0.5f, 0); // IoU with the first = 100/200 = 0.5, not above 0.5
        assertThat(new NonMaxSuppression(0.5f, 300, false).apply(c)).containsExactly(0, 1, 2);
        assertThat(new NonMaxSuppression(0.49f, 300, false).apply(c)).containsExactly(0, 1);
    }

    @Test
    void capsAtMaxDetectionsBestFirst() {
        Candidates c = new Candidates();
        for (int i = 0; i < 20; i++) {
            c.add(i * 20, 0, i * 20 + 10, 10, i / 100f, 0);
        }
        int[] keep = new NonMaxSuppression(0.45f, 5, false).apply(c);
        assertThat(keep).containsExactly(19, 18, 17, 16, 15);
    }

    @Test
    void handlesManyCandidatesAndEmptyInput() {
        Candidates c = new Candidates();
        assertThat(new NonMaxSuppression(0.45f, 300, false).apply(c)).isEmpty();
        Random r = new Random(1);
        for (int i = 0; i < 8400; i++) {
            float x = r.nextFloat() * 600, y = r.nextFloat() * 600;
            c.add(x, y, x + 40, y + 40, r.nextFloat(), r.nextInt(80));
        }
        int[] keep = new NonMaxSuppression(0.45f, 300, false).apply(c);
        assertThat(keep).hasSizeLessThanOrEqualTo(300).doesNotHaveDuplicates();
        for (int i = 1; i < keep.length; i++) {
            assertThat(c.score(keep[i])).isLessThanOrEqualTo(c.score(keep[i - 1]));
        }
    }

    @Test
    void rejectsBadSettingsByName() {
        assertThatThrownBy(() -> new NonMaxSuppression(1.5f, 300, false)).hasMessageContaining("iou");
        assertThatThrownBy(() -> new NonMaxSuppression(0.5f, 0, false)).hasMessageContaining("max");
    }
}
