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
     * Writes {@code data} into {@code dir} (created if missing). Runs on the profiler's export thread, one
     * capture at a time; reports failure in the result rather than throwing.
     *
     * @param data the capture
     * @param dir  the output folder
     * @return success, or what failed (naming this exporter)
     */
    ExportResult export(ProfileData data, Path dir);

    /** @return after writing out anything this exporter still buffers: success, or what failed */
    default ExportResult flush() {
        return ExportResult.success();
    }

    /** @return after releasing what this exporter holds (called once, when the session stops) */
    default ExportResult shutdown() {
        return ExportResult.success();
    }

    /**
     * Runs a writing step, turning an exception into a failure naming this exporter.
     *
     * @param write the step
     * @return success, or the failure
     */
    default ExportResult attempt(Write write) {
        try {
            write.run();
            return ExportResult.success();
        } catch (Exception | LinkageError e) {
            return ExportResult.failure(name() + " (" + e + ")");
        }
    }

    /** A step that writes files. */
    @FunctionalInterface
    interface Write {
        /**
         * @throws IOException when writing fails
         */
        void run() throws IOException;
    }

    /** @return an exporter that writes nothing */
    static TraceExporter noop() {
        return new TraceExporter() {
            @Override
            public String name() {
                return "noop";
            }

            @Override
            public ExportResult export(ProfileData data, Path dir) {
                return ExportResult.success();
            }
        };
    }

    /**
     * @param exporters the exporters to run
     * @return an exporter running each of {@code exporters} in turn; one failing does not stop the
     *     others, and the composite's result then names every one that failed
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
            public ExportResult export(ProfileData data, Path dir) {
                return each(e -> e.export(data, dir));
            }

            @Override
            public ExportResult flush() {
                return each(TraceExporter::flush);
            }

            @Override
            public ExportResult shutdown() {
                return each(TraceExporter::shutdown);
            }

            /** Runs {@code step} on every exporter, one failing or throwing not stopping the others. */
            private ExportResult each(java.util.function.Function<TraceExporter, ExportResult> step) {
                ExportResult r = ExportResult.success();
                for (TraceExporter e : all) {
                    try {
                        r = r.and(step.apply(e));
                    } catch (RuntimeException | LinkageError ex) {
                        r = r.and(ExportResult.failure(e.name() + " (" + ex + ")"));
                    }
                }
                return r;
            }
        };
    }

    /**
     * @param names exporter names ({@code chrome}, {@code summary}, ...)
     * @return a composite of the exporters named, found by ServiceLoader; unknown names are logged and skipped
     */
    static TraceExporter forNames(List<String> names) {
        return composite(named(names));
    }

    /**
     * @param names exporter names ({@code chrome}, {@code summary}, ...)
     * @return the exporters named, found by ServiceLoader, in order; unknown names are logged and skipped
     */
    static List<TraceExporter> named(List<String> names) {
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
        return found;
    }
}
