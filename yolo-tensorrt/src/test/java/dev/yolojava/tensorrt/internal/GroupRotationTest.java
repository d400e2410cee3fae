package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupRotationTest {

    @Test
    void pipelinedCallsTakeTheGroupsInTurn() {
        GroupRotation r = new GroupRotation(2);
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int g = r.claimForSubmit();
            r.submitted(g);
            used.add(g);
            r.awaited(g);
        }
        assertThat(used).containsExactly(0, 1, 0, 1, 0);
    }

    @Test
    void aCallIsPendingFromItsSubmitUntilItIsAwaited() {
        GroupRotation r = new GroupRotation(2);
        assertThat(r.anyPending()).isFalse();
        int a = r.claimForSubmit();
        r.submitted(a);
        assertThat(r.anyPending()).isTrue();
        int b = r.claimForSubmit();
        r.submitted(b);
        r.awaited(a);
        assertThat(r.anyPending()).as("the second call").isTrue();
        r.awaited(b);
        assertThat(r.anyPending()).isFalse();
    }

    @Test
    void aGroupIsNotReusedBeforeItsCallIsAwaited() {
        GroupRotation r = new GroupRotation(2);
        r.submitted(r.claimForSubmit());
        r.submitted(r.claimForSubmit());
        assertThatThrownBy(r::claimForSubmit).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("depth 2").hasMessageContaining("slot group 0");
        r.awaited(0);
        assertThat(r.claimForSubmit()).isZero();
    }

    @Test
    void aSynchronousCallWaitsForNothingInFlightAndRestartsTheRotation() {
        GroupRotation r = new GroupRotation(2);
        r.submitted(r.claimForSubmit()); // group 0 in flight
        assertThatThrownBy(r::claimForSync).hasMessageContaining("in flight");
        r.awaited(0);
        r.submitted(r.claimForSubmit()); // group 1
        r.awaited(1);
        assertThat(r.claimForSync()).isZero();
        assertThat(r.claimForSubmit()).as("after a synchronous call the rotation starts at 0").isZero();
    }

    @Test
    void aFailedStartLeavesTheGroupFree() {
        GroupRotation r = new GroupRotation(2);
        int g = r.claimForSubmit(); // the start then throws: submitted() is never called
        assertThat(r.claimForSubmit()).isEqualTo(g);
        assertThatThrownBy(() -> new GroupRotation(0)).hasMessageContaining("depth");
    }
}
