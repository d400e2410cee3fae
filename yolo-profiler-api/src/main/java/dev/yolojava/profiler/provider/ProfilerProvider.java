package dev.yolojava.profiler.provider;

import dev.yolojava.profiler.ProfilerConfig;

/**
 * Starts profiling sessions; the implementation on the class path ({@code yolo-profiler}) registers one with
 * {@link java.util.ServiceLoader}. With none, {@link dev.yolojava.profiler.Profiler} stays on its no-op path and
 * says once how to get profiling.
 */
public interface ProfilerProvider {

    /**
     * @param config what to record
     * @return the running session
     */
    ProfilingSession start(ProfilerConfig config);
}
