package dev.yolojava.profiler;

/**
 * A capture window counted in {@link Profiler#step()} calls, as PyTorch's profiler schedule:
 * skip {@code skip} steps, record {@code warmup} steps and throw them away, keep {@code active}
 * steps and export them; do that {@code repeat} times (0: forever).
 *
 * @param skip   steps skipped before each window
 * @param warmup steps recorded and discarded (lets CUPTI and caches settle)
 * @param active steps recorded and exported
 * @param repeat windows to capture, 0 for no limit
 */
public record ProfilerSchedule(int skip, int warmup, int active, int repeat) {

    /**
     * Validates the counts.
     *
     * @param skip   steps skipped before each window
     * @param warmup steps recorded and discarded (lets CUPTI and caches settle)
     * @param active steps recorded and exported
     * @param repeat windows to capture, 0 for no limit
     */
    public ProfilerSchedule {
        if (skip < 0 || warmup < 0 || active < 1 || repeat < 0) {
            throw new IllegalArgumentException("schedule needs skip (wait)>=0, warmup>=0, active>=1, repeat>=0, got wait="
                    + skip + " warmup=" + warmup + " active=" + active + " repeat=" + repeat);
        }
    }

    /** The phase of a step. */
    public enum Phase {
        /** not recording */
        WAIT,
        /** recording, to be discarded */
        WARMUP,
        /** recording, to be exported */
        ACTIVE,
        /** every window was captured */
        DONE
    }

    /**
     * @param step 0-based step number
     * @return the phase that step is in
     */
    public Phase phaseOf(long step) {
        long cycle = (long) skip + warmup + active;
        if (repeat > 0 && step >= cycle * repeat) {
            return Phase.DONE;
        }
        long pos = step % cycle;
        return pos < skip ? Phase.WAIT : pos < skip + warmup ? Phase.WARMUP : Phase.ACTIVE;
    }

    /**
     * @param step a step number, from 0
     * @return whether {@code step} is the last step of an active window
     */
    public boolean endsWindow(long step) {
        long cycle = (long) skip + warmup + active;
        return phaseOf(step) == Phase.ACTIVE && step % cycle == cycle - 1;
    }

    /**
     * Parses {@code wait=5,warmup=5,active=20,repeat=1} (keys in any order, missing ones 0, active 1).
     *
     * @param text the schedule
     * @return the schedule
     * @throws IllegalArgumentException naming the bad key or value
     */
    public static ProfilerSchedule parse(String text) {
        int w = 0, wu = 0, a = 1, r = 0;
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] kv = p.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("schedule entry '" + p + "': expected key=value");
            }
            int v;
            try {
                v = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule entry '" + p + "': expected a whole number, got '" + kv[1] + "'");
            }
            switch (kv[0].trim()) {
                case "wait" -> w = v;
                case "warmup" -> wu = v;
                case "active" -> a = v;
                case "repeat" -> r = v;
                default -> throw new IllegalArgumentException("schedule key '" + kv[0].trim()
                        + "': expected wait, warmup, active or repeat");
            }
        }
        return new ProfilerSchedule(w, wu, a, r);
    }
}
