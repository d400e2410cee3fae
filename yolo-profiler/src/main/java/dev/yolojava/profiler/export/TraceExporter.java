package dev.yolojava.profiler.export;

import dev.yolojava.profiler.model.ProfileData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Writes a capture somewhere: a plug-in found with {@link ServiceLoader}
 * ({@code META-INF/services/dev.yolojava.profiler.export.TraceExporter}), selected by {@link #name()}.
 * Built in: {@code chrome} (Perfetto / chrome://tracing JSON), {@code summary} (JSON, CSV, text),
 * {@code jfr} (ranges as JFR events, emitted live).
 */
public interface TraceExporter {

    /** @return the name users select it by */
    String name();

    /**
     * Writes {@code data} into {@code dir} (created if missing).
     *
     * @param data the capture
     * @param dir  the output folder
     * @throws IOException when writing fails
     */
    void export(ProfileData data, Path dir) throws IOException;

    /** @return an exporter that writes nothing */
    static TraceExporter noop() {
        return new TraceExporter() {
            @Override
            public String name() {
                return "noop";
            }

            @Override
            public void export(ProfileData data, Path dir) {
            }
        };
    }

    /**
     * @param exporters the exporters to run
     * @return an exporter running each of {@code exporters} in turn; one failing does not stop the
     *     others, and the composite then throws an {@link IOException} naming every one that failed
     */
    static TraceExporter composite(List<TraceExporter> exporters) {
        List<TraceExporter> all = List.copyOf(exporters);
        if (all.isEmpty()) {
            return noop();
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new TraceExporter() {
            @Override
            public String name() {
                return String.join("+", all.stream().map(TraceExporter::name).toList());
            }

            @Override
            public void export(ProfileData data, Path dir) throws IOException {
                List<String> failed = new ArrayList<>();
                for (TraceExporter e : all) {
                    try {
                        e.export(data, dir);
                    } catch (Exception | LinkageError ex) {
                        failed.add(e.name() + " (" + ex + ")");
                    }
                }
                if (!failed.isEmpty()) {
                    throw new IOException("exporters failed: " + String.join(", ", failed)
                            + (failed.size() < all.size() ? "; the others wrote their files" : ""));
                }
            }
        };
    }

    /**
     * @param names exporter names ({@code chrome}, {@code summary}, ...)
     * @return a composite of the exporters named, found by ServiceLoader; unknown names are logged and skipped
     */
    static TraceExporter forNames(List<String> names) {
        Logger log = LoggerFactory.getLogger(TraceExporter.class);
        List<TraceExporter> found = new ArrayList<>();
        List<TraceExporter> available = new ArrayList<>();
        ServiceLoader.load(TraceExporter.class).forEach(available::add);
        for (String n : names) {
            String want = n.trim().toLowerCase(Locale.ROOT);
            available.stream().filter(e -> e.name().equals(want)).findFirst().ifPresentOrElse(found::add,
                    () -> log.warn("profiler: unknown exporter '{}' (available: {})", want,
                            available.stream().map(TraceExporter::name).toList()));
        }
        return composite(found);
    }
}
