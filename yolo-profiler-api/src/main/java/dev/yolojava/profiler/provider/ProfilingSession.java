package dev.yolojava.profiler.provider;

import dev.yolojava.profiler.ProfilerRange;
import dev.yolojava.profiler.model.ProfileData;

/**
 * One running profiling session, as the {@link dev.yolojava.profiler.Profiler} facade drives it. Implemented
 * by the profiler implementation ({@code yolo-profiler}); no method may throw into user code.
 */
public interface ProfilingSession {

    /** @return whether ranges record now */
    boolean isRecording();

    /** @return whether GPU activity is collected */
    boolean hasGpuActivity();

    /**
     * Opens a range on this thread.
     *
     * @param name     the range's name
     * @param category the trace category, or null
     * @param rgb      the NVTX color {@code 0xRRGGBB}, or -1 for none
     * @return the open range
     */
    ProfilerRange open(String name, String category, int rgb);

    /**
     * Records an instant event on this thread.
     *
     * @param name the event's name
     */
    void mark(String name);

    /** @return the id of the innermost range open on this thread, 0 when none */
    long currentRangeId();

    /**
     * Makes {@code parent} (a range of another thread) the parent of what this thread records until
     * {@link #release}.
     *
     * @param parent the range id
     */
    void adopt(long parent);

    /**
     * Undoes {@link #adopt}.
     *
     * @param parent the range id adopted
     */
    void release(long parent);

    /**
     * @return the capture built when a schedule's window closed at this step, else null (a kernel window of the
     *         default level is built and exported on the export thread)
     */
    ProfileData step();

    /** @return what was recorded since the last export, or null; the session is finished afterwards */
    ProfileData stop();
}
