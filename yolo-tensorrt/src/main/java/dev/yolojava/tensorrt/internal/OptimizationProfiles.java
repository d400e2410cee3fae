package dev.yolojava.tensorrt.internal;

/**
 * The optimization profiles of one dynamic-batch engine, handed out to its execution contexts (every detector that
 * loads the engine shares it, {@link LoadedEngines}): a context gets a profile no other context holds while there is
 * one, and profile 0, shared, once every profile is held. TensorRT 10.6 runs several contexts on one profile at once
 * (an H200 check, {@code ProfileSharingProbe}: two contexts on profile 0, both in flight, outputs exact), so engines
 * are built with one profile ({@link EngineLoader#dynamicProfiles()}); each further profile costs minutes of build.
 */
final class OptimizationProfiles {
    /** Contexts holding each profile. */
    private final int[] users;

    /** @param count the engine's profiles, {@code >= 1} */
    OptimizationProfiles(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: expected >= 1, got " + count);
        }
        this.users = new int[count];
    }

    /** @return a profile no other context holds, now claimed, or else profile 0, now shared */
    synchronized int claim() {
        int p = 0;
        for (int i = 0; i < users.length; i++) {
            if (users[i] == 0) {
                p = i;
                break;
            }
        }
        users[p]++;
        return p;
    }

    /** @return whether contexts other than the caller hold profile {@code p} (asked right after claiming it) */
    synchronized boolean shared(int p) {
        return users[p] > 1;
    }

    /** Gives back profile {@code p} (a no-op for -1). */
    synchronized void release(int p) {
        if (p >= 0 && users[p] > 0) {
            users[p]--;
        }
    }
}
