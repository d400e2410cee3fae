package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.ProfilerRange;

import java.util.LinkedHashMap;
import java.util.Map;

/** A range that records; made by {@link Session#open}. */
final class RecordingRange implements ProfilerRange {
    final Session session;
    final Capture capture;
    final long id;
    final long parentId;
    final String name;
    final String category;
    final Thread thread;
    final long startNs;
    final int depth;
    /** What each range listener returned when the range opened (null without listeners). */
    final Object[] listenerTokens;
    Map<String, Object> attributes;
    /** Whether opening it pushed an external correlation id (only inside kernel windows). */
    boolean correlated;
    private boolean closed;

    RecordingRange(Session session, Capture capture, long id, long parentId, String name, String category,
                   long startNs, int depth, Object[] listenerTokens) {
        this.session = session;
        this.capture = capture;
        this.id = id;
        this.parentId = parentId;
        this.name = name;
        this.category = category;
        this.thread = Thread.currentThread();
        this.startNs = startNs;
        this.depth = depth;
        this.listenerTokens = listenerTokens;
    }

    @Override
    public ProfilerRange attribute(String key, long value) {
        return put(key, value);
    }

    @Override
    public ProfilerRange attribute(String key, String value) {
        return put(key, value);
    }

    private ProfilerRange put(String key, Object value) {
        if (key != null) {
            if (attributes == null) {
                attributes = new LinkedHashMap<>(4);
            }
            attributes.put(key, value);
        }
        return this;
    }

    @Override
    public boolean isRecording() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.close(this);
    }
}
