package dev.yolojava.profiler.export;

import dev.yolojava.profiler.model.ProfileData;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test exporter ({@code memory}) keeping each capture it is given, with the thread that built and exported it. */
public final class MemoryExporter implements TraceExporter {
    /** The captures exported, in order. */
    public static final List<ProfileData> CAPTURES = new CopyOnWriteArrayList<>();
    /** The threads they were exported on. */
    public static final List<String> THREADS = new CopyOnWriteArrayList<>();

    /** Forgets the captures of earlier tests. */
    public static void reset() {
        CAPTURES.clear();
        THREADS.clear();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public ExportResult export(ProfileData data, Path dir) {
        CAPTURES.add(data);
        THREADS.add(Thread.currentThread().getName());
        return ExportResult.success();
    }
}
