package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each execution context of a dynamic-batch engine gets a profile of its own while one is free, else profile 0. */
class OptimizationProfilesTest {

    @Test
    void eachClaimGetsAFreeProfileUntilNoneIsLeftThenProfileZeroShared() {
        OptimizationProfiles p = new OptimizationProfiles(3);
        assertThat(p.claim()).isZero();
        assertThat(p.shared(0)).isFalse();
        assertThat(p.claim()).isEqualTo(1);
        assertThat(p.claim()).isEqualTo(2);
        assertThat(p.claim()).as("all held: profile 0 shared").isZero();
        assertThat(p.shared(0)).isTrue();
        p.release(1);
        assertThat(p.claim()).as("a released profile is handed out again").isEqualTo(1);
        p.release(-1); // a context without a profile gives back nothing
        assertThat(p.claim()).isZero();
    }

    @Test
    void profileZeroIsFreeOnlyOnceEverySharerGaveItBack() {
        OptimizationProfiles p = new OptimizationProfiles(1);
        assertThat(p.claim()).isZero();
        assertThat(p.claim()).isZero();
        p.release(0);
        assertThat(p.shared(0)).as("one holder left").isFalse();
        p.release(0);
        p.release(0); // more releases than claims change nothing
        assertThat(p.claim()).isZero();
        assertThat(p.shared(0)).isFalse();
    }

    @Test
    void anEngineWithoutProfilesIsRefused() {
        assertThatThrownBy(() -> new OptimizationProfiles(0)).hasMessageContaining("count: expected >= 1, got 0");
    }
}
