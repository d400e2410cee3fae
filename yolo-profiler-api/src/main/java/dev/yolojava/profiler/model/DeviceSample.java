package dev.yolojava.profiler.model;

import java.util.List;

/**
 * The state of one GPU at one moment (NVML), taken when a capture or a kernel window starts and ends, so
 * that a throttled or busy-elsewhere GPU shows in the summary, the trace and the findings. A figure the
 * device does not report is -1.
 *
 * @param timestampNs          when, on the capture's clock
 * @param device               the device index (NVML's, the same order as CUDA's unless CUDA_VISIBLE_DEVICES
 *                             reorders them)
 * @param name                 the device's name
 * @param smClockMhz           SM clock now
 * @param maxSmClockMhz        the highest SM clock the device allows
 * @param memoryClockMhz       memory clock now
 * @param powerWatts           power drawn now
 * @param powerLimitWatts      the power limit in force
 * @param temperatureC         GPU temperature
 * @param gpuUtilizationPercent share of the last sample period in which a kernel ran
 * @param memoryUtilizationPercent share of the last sample period in which memory was read or written
 * @param clockReasons         why the clocks are held below their maximum, NVML's names without the prefix
 *                             ({@code SwPowerCap}, {@code HwThermalSlowdown}, {@code GpuIdle}, ...); empty when not
 */
public record DeviceSample(long timestampNs, int device, String name, int smClockMhz, int maxSmClockMhz,
                           int memoryClockMhz, double powerWatts, double powerLimitWatts, int temperatureC,
                           int gpuUtilizationPercent, int memoryUtilizationPercent, List<String> clockReasons) {

    /** The reasons that mean the GPU is slowed down rather than idle or set so by an administrator. */
    public static final List<String> THROTTLING = List.of("SwPowerCap", "HwSlowdown", "SwThermalSlowdown",
            "HwThermalSlowdown", "HwPowerBrakeSlowdown", "SyncBoost");

    /**
     * Copies the reasons.
     *
     * @param timestampNs              when
     * @param device                   the device index
     * @param name                     the device's name
     * @param smClockMhz               SM clock
     * @param maxSmClockMhz            the highest SM clock
     * @param memoryClockMhz           memory clock
     * @param powerWatts               power drawn
     * @param powerLimitWatts          power limit
     * @param temperatureC             temperature
     * @param gpuUtilizationPercent    kernel-busy share
     * @param memoryUtilizationPercent memory-busy share
     * @param clockReasons             why the clocks are below their maximum
     */
    public DeviceSample {
        clockReasons = List.copyOf(clockReasons);
    }

    /** @return the reasons among {@link #clockReasons()} that slow the GPU down (power, thermal, slowdown) */
    public List<String> throttling() {
        return clockReasons.stream().filter(THROTTLING::contains).toList();
    }
}
