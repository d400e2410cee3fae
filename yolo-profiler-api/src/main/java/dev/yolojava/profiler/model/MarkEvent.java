package dev.yolojava.profiler.model;

/**
 * An instant event from {@link dev.yolojava.profiler.Profiler#mark}.
 *
 * @param name       name
 * @param threadId   Java thread id
 * @param threadName Java thread name
 * @param timeNs     when
 */
public record MarkEvent(String name, long threadId, String threadName, long timeNs) {
}
