package dev.yolojava.profiler.model;

/**
 * Ties a CUPTI correlation id (an API call and the GPU work it launched) to an external id (a
 * {@link RangeEvent#id()} pushed by the range open on that thread at the time).
 *
 * @param correlationId CUPTI correlation id
 * @param externalId    the range id
 */
public record CorrelationRecord(long correlationId, long externalId) implements ActivityRecord {
}
