package dev.yolojava.profiler.internal;

import java.util.Arrays;

/** The open range ids of one thread, innermost last. */
final class RangeStack {
    private long[] ids = new long[16];
    private int depth;

    int depth() {
        return depth;
    }

    long top() {
        return depth == 0 ? 0 : ids[depth - 1];
    }

    void push(long id) {
        if (depth == ids.length) {
            ids = Arrays.copyOf(ids, depth * 2);
        }
        ids[depth++] = id;
    }

    /** Pops {@code id}, and any ranges left open inside it (closed out of order). */
    void pop(long id) {
        for (int i = depth - 1; i >= 0; i--) {
            if (ids[i] == id) {
                depth = i;
                return;
            }
        }
    }
}
