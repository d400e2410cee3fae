package dev.yolojava.profiler.export;

import dev.yolojava.profiler.model.ProfileData;

import java.nio.file.Path;

/**
 * Selecting {@code jfr} makes every range also a JFR event ({@code dev.yolojava.ProfilerRange}),
 * emitted as it closes (a {@link dev.yolojava.profiler.spi.RangeListener}), so a JFR recording
 * ({@code -XX:StartFlightRecording}) shows ranges in JDK Mission Control. Nothing is written at export time.
 */
public final class JfrExporter implements TraceExporter, dev.yolojava.profiler.spi.RangeListener {
    @Override
    public String name() {
        return "jfr";
    }

    @Override
    public ExportResult export(ProfileData data, Path dir) {
        return ExportResult.success(); // the events were committed live, as each range closed
    }

    @Override
    public Object opened(long id, String name, String category) {
        dev.yolojava.profiler.internal.RangeJfrEvent ev = new dev.yolojava.profiler.internal.RangeJfrEvent();
        ev.name = name;
        ev.category = category;
        ev.rangeId = id;
        ev.begin();
        return ev;
    }

    @Override
    public void closed(Object token) {
        if (token instanceof dev.yolojava.profiler.internal.RangeJfrEvent ev) {
            ev.end();
            ev.commit();
        }
    }
}
