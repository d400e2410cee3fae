package dev.yolojava.tensorrt.internal;

/**
 * Which slot group a call runs on: pipelined calls take the groups in turn, each at most one call in flight
 * (awaited before its group is used again); a synchronous call takes group 0, only when nothing is in flight,
 * and restarts the rotation there. Plain Java, so the rules are tested on the CPU.
 */
final class GroupRotation {
    private final boolean[] pending;
    private int next;

    /** @param depth slot groups, the most calls in flight at once */
    GroupRotation(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        this.pending = new boolean[depth];
    }

    /**
     * @return the group the next pipelined call runs on
     * @throws IllegalStateException when that group's previous call was not awaited yet
     */
    int claimForSubmit() {
        if (pending[next]) {
            throw new IllegalStateException("pipeline depth " + pending.length + " exceeded: await the call pending on"
                    + " slot group " + next + " first");
        }
        return next;
    }

    /** Records that a call was started on {@code group}; the rotation moves on. */
    void submitted(int group) {
        pending[group] = true;
        next = (group + 1) % pending.length;
    }

    /** Records that {@code group}'s call was awaited. */
    void awaited(int group) {
        pending[group] = false;
    }

    /**
     * @return group 0, for a synchronous call
     * @throws IllegalStateException when a pipelined call is still in flight
     */
    int claimForSync() {
        if (anyPending()) {
            throw new IllegalStateException("a pipelined call is in flight: await it before a synchronous call");
        }
        next = 0;
        return 0;
    }

    /** @return whether a pipelined call is in flight (submitted, not yet awaited) */
    boolean anyPending() {
        for (boolean p : pending) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    /** @return the most calls in flight at once */
    int depth() {
        return pending.length;
    }
}
