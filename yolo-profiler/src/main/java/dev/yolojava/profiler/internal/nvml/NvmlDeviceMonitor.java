package dev.yolojava.profiler.internal.nvml;

import dev.yolojava.profiler.model.DeviceSample;
import dev.yolojava.profiler.spi.DeviceMonitor;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlUtilization_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.cuda.global.nvml.NVML_CLOCK_MEM;
import static org.bytedeco.cuda.global.nvml.NVML_CLOCK_SM;
import static org.bytedeco.cuda.global.nvml.NVML_SUCCESS;
import static org.bytedeco.cuda.global.nvml.NVML_TEMPERATURE_GPU;
import static org.bytedeco.cuda.global.nvml.nvmlClocksEventReasonApplicationsClocksSetting;
import static org.bytedeco.cuda.global.nvml.nvmlClocksEventReasonDisplayClockSetting;
import static org.bytedeco.cuda.global.nvml.nvmlClocksEventReasonGpuIdle;
import static org.bytedeco.cuda.global.nvml.nvmlClocksEventReasonSwPowerCap;
import static org.bytedeco.cuda.global.nvml.nvmlClocksEventReasonSwThermalSlowdown;
import static org.bytedeco.cuda.global.nvml.nvmlClocksEventReasonSyncBoost;
import static org.bytedeco.cuda.global.nvml.nvmlClocksThrottleReasonHwPowerBrakeSlowdown;
import static org.bytedeco.cuda.global.nvml.nvmlClocksThrottleReasonHwSlowdown;
import static org.bytedeco.cuda.global.nvml.nvmlClocksThrottleReasonHwThermalSlowdown;
import static org.bytedeco.cuda.global.nvml.nvmlClocksThrottleReasonUserDefinedClocks;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetClockInfo;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetCount_v2;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetCurrentClocksEventReasons;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetEnforcedPowerLimit;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetHandleByIndex_v2;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetMaxClockInfo;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetName;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetPowerUsage;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetTemperature;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetUtilizationRates;
import static org.bytedeco.cuda.global.nvml.nvmlErrorString;
import static org.bytedeco.cuda.global.nvml.nvmlInit_v2;
import static org.bytedeco.cuda.global.nvml.nvmlShutdown;

/**
 * NVML through the CUDA preset's {@code nvml} module (the driver's {@code libnvidia-ml.so.1}). A query a
 * device does not support leaves its figure at -1; nothing here throws into the caller.
 */
public final class NvmlDeviceMonitor implements DeviceMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(NvmlDeviceMonitor.class);
    /** NVML's reason bits and the names the samples carry. */
    private static final Map<Long, String> REASONS = new LinkedHashMap<>();
    private boolean initialized;
    private boolean closed;

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public synchronized String unavailableReason() {
        try {
            if (!initialized) {
                int rc = nvmlInit_v2();
                if (rc != NVML_SUCCESS) {
                    return "nvmlInit failed: " + error(rc);
                }
                initialized = true;
                reasons();
            }
            return null;
        } catch (Throwable t) {
            return "NVML did not load (" + t + ")";
        }
    }

    private static synchronized void reasons() {
        if (REASONS.isEmpty()) {
            REASONS.put(nvmlClocksEventReasonGpuIdle, "GpuIdle");
            REASONS.put(nvmlClocksEventReasonApplicationsClocksSetting, "ApplicationsClocksSetting");
            REASONS.put(nvmlClocksEventReasonSwPowerCap, "SwPowerCap");
            REASONS.put(nvmlClocksThrottleReasonHwSlowdown, "HwSlowdown");
            REASONS.put(nvmlClocksEventReasonSyncBoost, "SyncBoost");
            REASONS.put(nvmlClocksEventReasonSwThermalSlowdown, "SwThermalSlowdown");
            REASONS.put(nvmlClocksThrottleReasonHwThermalSlowdown, "HwThermalSlowdown");
            REASONS.put(nvmlClocksThrottleReasonHwPowerBrakeSlowdown, "HwPowerBrakeSlowdown");
            REASONS.put(nvmlClocksEventReasonDisplayClockSetting, "DisplayClockSetting");
            REASONS.put(nvmlClocksThrottleReasonUserDefinedClocks, "UserDefinedClocks");
        }
    }

    @Override
    public synchronized List<DeviceSample> sample(long timestampNs) {
        List<DeviceSample> out = new ArrayList<>();
        if (!initialized || closed) {
            return out;
        }
        try (PointerScope scope = new PointerScope()) {
            IntPointer count = new IntPointer(1);
            if (nvmlDeviceGetCount_v2(count) != NVML_SUCCESS) {
                return out;
            }
            for (int i = 0; i < count.get(); i++) {
                PointerPointer<nvmlDevice_st> handle = new PointerPointer<>(1);
                if (nvmlDeviceGetHandleByIndex_v2(i, handle) != NVML_SUCCESS) {
                    continue;
                }
                nvmlDevice_st d = new nvmlDevice_st(handle.get(0));
                BytePointer name = new BytePointer(96);
                String n = nvmlDeviceGetName(d, name, 96) == NVML_SUCCESS ? name.getString() : "GPU " + i;
                IntPointer v = new IntPointer(1);
                int sm = nvmlDeviceGetClockInfo(d, NVML_CLOCK_SM, v) == NVML_SUCCESS ? v.get() : -1;
                int maxSm = nvmlDeviceGetMaxClockInfo(d, NVML_CLOCK_SM, v) == NVML_SUCCESS ? v.get() : -1;
                int mem = nvmlDeviceGetClockInfo(d, NVML_CLOCK_MEM, v) == NVML_SUCCESS ? v.get() : -1;
                double power = nvmlDeviceGetPowerUsage(d, v) == NVML_SUCCESS ? v.get() / 1000.0 : -1;
                double limit = nvmlDeviceGetEnforcedPowerLimit(d, v) == NVML_SUCCESS ? v.get() / 1000.0 : -1;
                int temp = nvmlDeviceGetTemperature(d, NVML_TEMPERATURE_GPU, v) == NVML_SUCCESS ? v.get() : -1;
                nvmlUtilization_t u = new nvmlUtilization_t();
                boolean util = nvmlDeviceGetUtilizationRates(d, u) == NVML_SUCCESS;
                LongPointer bits = new LongPointer(1);
                List<String> why = nvmlDeviceGetCurrentClocksEventReasons(d, bits) == NVML_SUCCESS ? names(bits.get())
                        : List.of();
                out.add(new DeviceSample(timestampNs, i, n, sm, maxSm, mem, power, limit, temp, util ? u.gpu() : -1,
                        util ? u.memory() : -1, why));
            }
        } catch (Throwable t) {
            LOG.debug("NVML sample failed: {}", t.toString());
        }
        return out;
    }

    /**
     * @param bits NVML's clock-event reason mask
     * @return the names of the bits set
     */
    static List<String> names(long bits) {
        reasons();
        List<String> out = new ArrayList<>();
        REASONS.forEach((bit, name) -> {
            if ((bits & bit) != 0) {
                out.add(name);
            }
        });
        return out;
    }

    private static String error(int rc) {
        try {
            return nvmlErrorString(rc).getString() + " (" + rc + ")";
        } catch (Throwable t) {
            return "NVML error " + rc;
        }
    }

    @Override
    public synchronized void close() {
        if (initialized && !closed) {
            closed = true;
            try {
                nvmlShutdown();
            } catch (Throwable t) {
                LOG.debug("nvmlShutdown failed: {}", t.toString());
            }
        }
    }
}
