package dev.yolojava.profiler.spi;

import dev.yolojava.profiler.model.DeviceSample;

import java.util.List;

/**
 * Reads the GPUs' clocks, power, temperature, utilization and clock-limit reasons (NVML), found with
 * {@link java.util.ServiceLoader}. Sampled only at capture and kernel-window boundaries, so it may take a
 * millisecond; it must never throw into user code.
 */
public interface DeviceMonitor {

    /** @return a short name for logs, e.g. {@code nvml} */
    String name();

    /** @return null when it can run here, else why not (library missing, no driver...) */
    String unavailableReason();

    /**
     * @param timestampNs the capture clock's time now, stamped on each sample
     * @return one sample per GPU (empty when none can be read)
     */
    List<DeviceSample> sample(long timestampNs);

    /** Releases the library; idempotent. */
    void close();
}
