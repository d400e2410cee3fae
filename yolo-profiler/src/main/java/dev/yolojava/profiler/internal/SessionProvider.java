package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.ProfilerConfig;
import dev.yolojava.profiler.provider.ProfilerProvider;
import dev.yolojava.profiler.provider.ProfilingSession;

/** The implementation behind {@link dev.yolojava.profiler.Profiler}: sessions with CUPTI, NVTX and exporters. */
public final class SessionProvider implements ProfilerProvider {

    @Override
    public ProfilingSession start(ProfilerConfig config) {
        return Session.start(config);
    }
}
