package dev.yolojava.profiler.model;

import java.util.Map;

/**
 * A closed {@link dev.yolojava.profiler.ProfilerRange}. Timestamps are nanoseconds on the CUPTI
 * clock when CUPTI is active (so they line up with GPU records), else on a monotonic clock.
 *
 * @param id         unique within the capture; also the CUPTI external correlation id
 * @param parentId   the enclosing range on the same thread, or 0
 * @param name       range name
 * @param category   category, or null
 * @param threadId   Java thread id
 * @param threadName Java thread name
 * @param startNs    start
 * @param endNs      end
 * @param depth      nesting depth on its thread, 0 for outermost
 * @param attributes attributes set on the range
 */
public record RangeEvent(long id, long parentId, String name, String category, long threadId, String threadName,
                         long startNs, long endNs, int depth, Map<String, Object> attributes) {
    /** @return {@code endNs - startNs} */
    public long durationNs() {
        return endNs - startNs;
    }
}
