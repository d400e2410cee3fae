package dev.yolojava.core;

import java.util.Map;

/**
 * What benchmarks and health checks read of a {@link YoloDetector}, kept apart from the detection API:
 * the engine timed alone, the device time of each stage of the last call, and where decoding runs.
 * Get it with {@link YoloDetector#diagnostics()}; it is valid as long as its detector is.
 */
public final class Diagnostics {
    private final YoloDetector detector;

    Diagnostics(YoloDetector detector) {
        this.detector = detector;
    }

    /**
     * Times the engine alone (device-resident buffers), where the backend can.
     *
     * @param batch      the batch size to time
     * @param iterations how many runs
     * @return each run's milliseconds, or null when the backend cannot time its engine alone
     */
    public double[] engineTimes(int batch, int iterations) {
        return detector.engineTimes(batch, iterations);
    }

    /** @return whether the backend decodes and runs NMS on the device (only kept boxes are copied back) */
    public boolean decodesOnDevice() {
        return detector.decodesOnDevice();
    }

    /**
     * Turns the backend's device-side stage timing (upload, GPU preprocessing, engine, download, timed
     * with device events) on or off, where the backend has it.
     *
     * @param on whether to time the stages
     * @return whether the backend times its stages
     */
    public boolean stageTiming(boolean on) {
        return detector.stageTiming(on);
    }

    /** @return the last call's device stage times in ms (empty unless {@link #stageTiming} is on) */
    public Map<String, Double> lastStageMillis() {
        return detector.lastStageMillis();
    }

    /** @return the name of the backend in use */
    public String backendName() {
        return detector.backendName();
    }

    /**
     * @return what the backend runs on and with (device, library versions, speed-relevant settings), as it
     *         describes itself; benchmark records carry it so that a figure says where it was measured
     */
    public Map<String, String> backendDetails() {
        return detector.backendDetails();
    }
}
