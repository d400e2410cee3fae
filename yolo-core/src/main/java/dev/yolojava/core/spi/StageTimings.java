package dev.yolojava.core.spi;

import java.util.Map;

/**
 * A backend that times its device-side stages (upload, preprocess, engine, download) with device
 * events for the first image of its last call, for {@code yolo bench}.
 */
public interface StageTimings {

    /**
     * Turns the per-call device-event timing on or off (off by default: it costs a few microseconds).
     *
     * @param on whether to time
     */
    void setStageTiming(boolean on);

    /** @return stage name to milliseconds for the last call; empty when timing is off */
    Map<String, Double> lastStageMillis();
}
