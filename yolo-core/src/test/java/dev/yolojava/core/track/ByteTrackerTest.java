package dev.yolojava.core.track;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.Detection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ByteTrack on synthetic scenes: boxes moving at constant speed, crossing, hidden, leaving and coming back. */
class ByteTrackerTest {

    static Detection person(double cx, double cy, float score) {
        return new Detection(0, "person", score, new BoundingBox((float) cx - 20, (float) cy - 50, (float) cx + 20, (float) cy + 50));
    }

    /** @return track id by the x where the box is, for one frame's output */
    static Map<Long, Double> byId(List<TrackedDetection> out) {
        Map<Long, Double> m = new HashMap<>();
        out.forEach(t -> m.put(t.trackId(), (double) (t.detection().box().x1() + 20)));
        return m;
    }

    @Test
    void twoPeopleCrossingKeepTheirIds() {
        ByteTracker tracker = ByteTracker.builder().build();
        long walkingRight = -1, walkingLeft = -1;
        for (int f = 0; f < 60; f++) {
            double a = 100 + 8 * f, b = 580 - 8 * f; // cross near frame 30, at slightly different heights
            List<TrackedDetection> out = tracker.update(List.of(person(a, 200, 0.9f), person(b, 215, 0.85f)));
            assertThat(out).as("frame " + f).hasSize(2);
            for (TrackedDetection t : out) {
                boolean right = Math.abs(t.detection().box().x1() + 20 - a) < 1e-3
                        && Math.abs(t.detection().box().y1() + 50 - 200) < 1e-3;
                if (right) {
                    walkingRight = walkingRight < 0 ? t.trackId() : walkingRight;
                    assertThat(t.trackId()).as("frame " + f + ": the one walking right").isEqualTo(walkingRight);
                } else {
                    walkingLeft = walkingLeft < 0 ? t.trackId() : walkingLeft;
                    assertThat(t.trackId()).as("frame " + f + ": the one walking left").isEqualTo(walkingLeft);
                }
            }
        }
        assertThat(walkingRight).isNotEqualTo(walkingLeft);
    }

    @Test
    void aPersonHiddenForAFewFramesComesBackWithTheSameId() {
        ByteTracker tracker = ByteTracker.builder().frameRate(30).trackBuffer(30).build();
        long id = -1;
        for (int f = 0; f < 40; f++) {
            double x = 100 + 5 * f;
            boolean hidden = f >= 15 && f < 25; // behind a pillar for 10 frames
            List<TrackedDetection> out = tracker.update(hidden ? List.of() : List.of(person(x, 200, 0.9f)));
            if (hidden) {
                assertThat(out).as("frame " + f).isEmpty();
            } else {
                assertThat(out).as("frame " + f).hasSize(1);
                id = id < 0 ? out.get(0).trackId() : id;
                assertThat(out.get(0).trackId()).as("frame " + f).isEqualTo(id);
            }
        }
    }

    @Test
    void someoneBackAfterTheBufferIsANewTrack() {
        ByteTracker tracker = ByteTracker.builder().frameRate(30).trackBuffer(5).build();
        long first = tracker.update(List.of(person(100, 200, 0.9f))).get(0).trackId();
        for (int f = 0; f < 8; f++) {
            tracker.update(List.of());
        }
        tracker.update(List.of(person(100, 200, 0.9f)));   // new track, not yet confirmed
        List<TrackedDetection> out = tracker.update(List.of(person(100, 200, 0.9f)));
        assertThat(out).singleElement().satisfies(t -> assertThat(t.trackId()).isNotEqualTo(first));
    }

    @Test
    void lowScoreDetectionsKeepATrackAliveButStartNone() {
        ByteTracker tracker = ByteTracker.builder().build();
        long id = tracker.update(List.of(person(100, 200, 0.9f))).get(0).trackId();
        for (int f = 1; f < 10; f++) { // partly occluded: the detector is unsure
            List<TrackedDetection> out = tracker.update(List.of(person(100 + 3 * f, 200, 0.15f)));
            assertThat(out).as("frame " + f).singleElement().satisfies(t -> assertThat(t.trackId()).isEqualTo(id));
        }
        ByteTracker fresh = ByteTracker.builder().build();
        fresh.update(List.of(person(100, 200, 0.15f)));
        assertThat(fresh.update(List.of(person(100, 200, 0.15f)))).as("low scores start no track").isEmpty();
    }

    @Test
    void aNewObjectIsReportedFromItsSecondFrameAndASingleFalsePositiveNever() {
        ByteTracker tracker = ByteTracker.builder().build();
        tracker.update(List.of(person(100, 200, 0.9f)));
        List<TrackedDetection> f2 = tracker.update(List.of(person(105, 200, 0.9f), person(400, 300, 0.6f)));
        assertThat(f2).hasSize(1); // the newcomer is not confirmed yet
        List<TrackedDetection> f3 = tracker.update(List.of(person(110, 200, 0.9f), person(402, 300, 0.6f)));
        assertThat(f3).hasSize(2);
        List<Long> ids = new ArrayList<>(byId(f3).keySet());
        assertThat(ids).doesNotHaveDuplicates();
        tracker.update(List.of(person(115, 200, 0.9f), person(404, 300, 0.6f), person(700, 100, 0.7f)));
        List<TrackedDetection> f5 = tracker.update(List.of(person(120, 200, 0.9f), person(406, 300, 0.6f)));
        assertThat(f5).extracting(TrackedDetection::trackId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> ByteTracker.builder().highThreshold(1.5f)).hasMessageContaining("highThreshold");
        assertThatThrownBy(() -> ByteTracker.builder().trackBuffer(0)).hasMessageContaining("trackBuffer");
        assertThatThrownBy(() -> ByteTracker.builder().frameRate(0)).hasMessageContaining("frameRate");
        assertThatThrownBy(() -> ByteTracker.builder().lowThreshold(0.5f).highThreshold(0.4f).build())
                .hasMessageContaining("lowThreshold");
    }

    @Test
    void resetForgetsTheTracksButNeverReusesAnId() {
        ByteTracker tracker = ByteTracker.builder().build();
        long first = tracker.update(List.of(person(100, 200, 0.9f))).get(0).trackId();
        tracker.reset();
        List<TrackedDetection> again = tracker.update(List.of(person(100, 200, 0.9f)));
        assertThat(again).singleElement().satisfies(t -> assertThat(t.trackId()).isGreaterThan(first));
    }
}
