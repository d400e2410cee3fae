package dev.yolojava.profiler.export;

import dev.yolojava.profiler.model.ProfileData;

import java.nio.file.Path;

/**
 * Selecting {@code jfr} makes every range also a JFR event ({@code dev.yolojava.ProfilerRange}),
 * emitted as it closes, so a JFR recording ({@code -XX:StartFlightRecording}) shows ranges in
 * JDK Mission Control. Nothing is written at export time.
 */
public final class JfrExporter implements TraceExporter {
    @Override
    public String name() {
        return "jfr";
    }

    @Override
    public void export(ProfileData data, Path dir) {
        // events were committed live by the session
    }
}
