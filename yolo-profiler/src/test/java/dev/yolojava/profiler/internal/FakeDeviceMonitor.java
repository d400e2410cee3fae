package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.model.DeviceSample;
import dev.yolojava.profiler.spi.DeviceMonitor;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for NVML, registered for tests only and available only while {@link #enabled}. */
public final class FakeDeviceMonitor implements DeviceMonitor {
    public static volatile boolean enabled;
    /** Reasons every sample reports. */
    public static volatile List<String> reasons = List.of();
    public static final AtomicInteger SAMPLES = new AtomicInteger();

    @Override
    public String name() {
        return "fake-nvml";
    }

    @Override
    public String unavailableReason() {
        return enabled ? null : "test monitor disabled";
    }

    @Override
    public List<DeviceSample> sample(long timestampNs) {
        int n = SAMPLES.incrementAndGet();
        boolean slow = !reasons.isEmpty();
        return List.of(new DeviceSample(timestampNs, 0, "Fake H100", slow ? 1200 - n : 1980, 1980, 2619, 690, 700,
                slow ? 87 : 40, 90, 30, reasons));
    }

    @Override
    public void close() {
    }
}
