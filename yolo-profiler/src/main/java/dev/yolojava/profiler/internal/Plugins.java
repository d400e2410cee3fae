package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.spi.ActivitySource;
import dev.yolojava.profiler.spi.DeviceMonitor;
import dev.yolojava.profiler.spi.RangeMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ServiceLoader;

/** Finds the profiler's native plug-ins (CUPTI, NVTX, NVML) with {@link ServiceLoader}: the first that can run here. */
final class Plugins {
    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    private Plugins() {
    }

    /**
     * @param type {@link ActivitySource}, {@link RangeMarker} or {@link DeviceMonitor}
     * @param <T>  the plug-in type
     * @return the first available one, or null (each unavailable one says why, once, at INFO)
     */
    static <T> T load(Class<T> type) {
        try {
            for (T candidate : ServiceLoader.load(type)) {
                String why = candidate instanceof ActivitySource a ? a.unavailableReason()
                        : candidate instanceof RangeMarker m ? m.unavailableReason()
                        : candidate instanceof DeviceMonitor d ? d.unavailableReason() : "not a profiler plug-in";
                if (why == null) {
                    return candidate;
                }
                LOG.info("profiler: {} unavailable: {}", candidate.getClass().getSimpleName(), why);
            }
        } catch (Throwable t) {
            LOG.info("profiler: no {} could load ({}); continuing without", type.getSimpleName(), t.toString());
        }
        return null;
    }
}
