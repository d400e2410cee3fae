package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each execution context of a dynamic-batch engine gets a profile no other context holds. */
class OptimizationProfilesTest {

    @Test
    void eachClaimGetsAFreeProfileUntilNoneIsLeftAndAReleasedOneIsHandedOutAgain() {
        OptimizationProfiles p = new OptimizationProfiles(3);
        assertThat(p.claim()).isZero();
        assertThat(p.claim()).isEqualTo(1);
        assertThat(p.claim()).isEqualTo(2);
        assertThat(p.claim()).as("all in use").isEqualTo(-1);
        p.release(1);
        assertThat(p.claim()).isEqualTo(1);
        p.release(-1); // a context that got none gives back nothing
        assertThat(p.claim()).isEqualTo(-1);
    }
}
