package dev.yolojava.tensorrt.internal;

import java.util.BitSet;

/**
 * The optimization profiles of one dynamic-batch engine, handed out to its execution contexts: TensorRT lets only one
 * context at a time use a profile, and every detector that loads the engine shares it ({@link LoadedEngines}), so each
 * context claims a profile of its own and gives it back when it closes.
 */
final class OptimizationProfiles {
    private final int count;
    private final BitSet taken = new BitSet();

    /** @param count the engine's profiles */
    OptimizationProfiles(int count) {
        this.count = count;
    }

    /** @return a free profile's index, now claimed, or -1 when every one is in use */
    synchronized int claim() {
        int p = taken.nextClearBit(0);
        if (p >= count) {
            return -1;
        }
        taken.set(p);
        return p;
    }

    /** Gives back profile {@code p} (a no-op for -1). */
    synchronized void release(int p) {
        if (p >= 0) {
            taken.clear(p);
        }
    }

    /** @return the engine's profiles */
    int count() {
        return count;
    }
}
