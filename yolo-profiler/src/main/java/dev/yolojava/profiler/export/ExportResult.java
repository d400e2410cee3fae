package dev.yolojava.profiler.export;

import java.util.ArrayList;
import java.util.List;

/**
 * How an export, flush or shutdown went (OpenTelemetry's {@code CompletableResultCode}, completed when
 * returned, since exporters run on the profiler's own export thread): success, or what failed.
 *
 * @param failures what failed, each naming the exporter and the cause; empty on success
 */
public record ExportResult(List<String> failures) {
    private static final ExportResult SUCCESS = new ExportResult(List.of());

    /**
     * Copies the list.
     *
     * @param failures what failed
     */
    public ExportResult {
        failures = List.copyOf(failures);
    }

    /** @return a success */
    public static ExportResult success() {
        return SUCCESS;
    }

    /**
     * @param what what failed, naming the exporter and the cause
     * @return a failure
     */
    public static ExportResult failure(String what) {
        return new ExportResult(List.of(what));
    }

    /** @return whether nothing failed */
    public boolean isSuccess() {
        return failures.isEmpty();
    }

    /**
     * @param other another result
     * @return the failures of both
     */
    public ExportResult and(ExportResult other) {
        if (other.isSuccess()) {
            return this;
        }
        if (isSuccess()) {
            return other;
        }
        List<String> all = new ArrayList<>(failures);
        all.addAll(other.failures);
        return new ExportResult(all);
    }
}
