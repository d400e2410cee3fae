package dev.yolojava.profiler.model;

/**
 * Time CUPTI or the driver spent on its own work while collecting (buffer flushes,
 * instrumentation, JIT compilation...): what profiling itself cost the GPU timeline.
 *
 * @param kind    what the overhead was, e.g. {@code cupti-buffer-flush}
 * @param startNs start, CUPTI clock
 * @param endNs   end
 */
public record OverheadRecord(String kind, long startNs, long endNs) implements ActivityRecord {
    /** @return the duration */
    public long durationNs() {
        return endNs - startNs;
    }
}
