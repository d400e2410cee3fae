package dev.yolojava.profiler;

import java.util.Locale;

/**
 * When per-kernel GPU activity (CUPTI) is collected, counted in detector calls ({@link Profiler#step()}):
 * from call {@code first}, {@code calls} calls in every {@code every}. Outside these windows CUPTI is switched
 * off, so the profiler costs only its ranges and NVTX markers (the level a service leaves on), and a window
 * shows every kernel of the calls inside it. {@link #always()} collects on every call.
 *
 * @param first the first call collected (calls before it let caches and clocks settle)
 * @param calls calls collected per window, {@code >= 1}
 * @param every a window starts every this many calls, {@code >= calls}
 */
public record KernelWindows(int first, int calls, int every) {
    /** What {@code ENABLE_PROFILING=1} uses: 20 calls in every 2,000, from call 10. */
    public static final KernelWindows DEFAULT = new KernelWindows(10, 20, 2000);

    /**
     * Validates the counts.
     *
     * @param first the first call collected
     * @param calls calls collected per window
     * @param every a window starts every this many calls
     */
    public KernelWindows {
        if (first < 0 || calls < 1 || every < calls) {
            throw new IllegalArgumentException("kernel windows need first>=0, calls>=1, every>=calls, got first=" + first
                    + " calls=" + calls + " every=" + every);
        }
    }

    /** @return windows that never close: CUPTI collects on every call */
    public static KernelWindows always() {
        return new KernelWindows(0, 1, 1);
    }

    /** @return whether these windows cover every call */
    public boolean isAlways() {
        return first == 0 && calls == every;
    }

    /**
     * @param call a call number, from 0
     * @return whether GPU activity is collected during that call
     */
    public boolean collects(long call) {
        return call >= first && (call - first) % every < calls;
    }

    /** @return the share of calls collected in the long run */
    public double share() {
        return (double) calls / every;
    }

    /**
     * Parses {@code always}, or {@code first=10,calls=20,every=2000} (keys in any order; missing ones take
     * {@link #DEFAULT}'s values).
     *
     * @param text the windows
     * @return the windows
     * @throws IllegalArgumentException naming the bad entry
     */
    public static KernelWindows parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("always")) {
            return always();
        }
        int f = DEFAULT.first, c = DEFAULT.calls, e = DEFAULT.every;
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] kv = p.split("=", 2);
            int v;
            try {
                v = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
            } catch (NumberFormatException ex) {
                v = -1;
            }
            if (v < 0) {
                throw new IllegalArgumentException("kernel windows entry '" + p + "': expected key=number (first, calls,"
                        + " every) or 'always'");
            }
            switch (kv[0].trim()) {
                case "first" -> f = v;
                case "calls" -> c = v;
                case "every" -> e = v;
                default -> throw new IllegalArgumentException("kernel windows entry '" + p + "': unknown key '"
                        + kv[0].trim() + "'; known: first, calls, every (or 'always')");
            }
        }
        return new KernelWindows(f, c, e);
    }

    @Override
    public String toString() {
        return isAlways() ? "always" : "first=" + first + ",calls=" + calls + ",every=" + every;
    }
}
