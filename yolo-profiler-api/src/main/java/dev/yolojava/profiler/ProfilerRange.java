package dev.yolojava.profiler;

/**
 * A timed region of code: a Java-side event, an NVTX range (seen by Nsight Systems) and a CUPTI
 * external correlation id that GPU work launched inside it is attributed to. Always use it in a
 * {@code try} block:
 * <pre>{@code
 * try (ProfilerRange r = Profiler.range("inference")) {
 *     r.attribute("batch", images.size());
 *     detector.detectBatch(images);
 * }
 * }</pre>
 * {@link #close()} is idempotent and never throws. When profiling is off, {@link Profiler#range}
 * returns {@link #noop()}, which allocates nothing.
 */
public interface ProfilerRange extends AutoCloseable {

    /**
     * Adds a numeric attribute (batch size, image size...).
     *
     * @param key   the attribute's name
     * @param value its value
     * @return this range
     */
    ProfilerRange attribute(String key, long value);

    /**
     * Adds a text attribute.
     *
     * @param key   the attribute's name
     * @param value its value
     * @return this range
     */
    ProfilerRange attribute(String key, String value);

    /** @return whether this range records anything (false for {@link #noop()}) */
    boolean isRecording();

    /** Ends the range; idempotent, throws nothing. */
    @Override
    void close();

    /** @return the shared range that records nothing */
    static ProfilerRange noop() {
        return NoopRange.INSTANCE;
    }
}

/** The range returned while profiling is off. */
enum NoopRange implements ProfilerRange {
    INSTANCE;

    @Override
    public ProfilerRange attribute(String key, long value) {
        return this;
    }

    @Override
    public ProfilerRange attribute(String key, String value) {
        return this;
    }

    @Override
    public boolean isRecording() {
        return false;
    }

    @Override
    public void close() {
    }
}
