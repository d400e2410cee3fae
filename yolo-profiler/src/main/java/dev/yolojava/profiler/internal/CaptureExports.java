package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.export.ExportResult;
import dev.yolojava.profiler.export.TraceExporter;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.spi.RangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A session's exporters and the one thread they run on: captures are exported one at a time, in capture
 * order, never on the thread whose {@code step()} closed a window. {@link #close()} waits for the exports
 * still running, then flushes and shuts the exporters down.
 */
final class CaptureExports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureExports.class);
    private final TraceExporter exporter;
    private final List<RangeListener> listeners;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "yolo-profiler-export");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param exporters the exporters selected by name, in order
     */
    CaptureExports(List<TraceExporter> exporters) {
        this.exporter = TraceExporter.composite(exporters);
        this.listeners = exporters.stream().filter(e -> e instanceof RangeListener).map(e -> (RangeListener) e).toList();
    }

    /** @return the exporters that also follow ranges live (jfr) */
    List<RangeListener> listeners() {
        return listeners;
    }

    /**
     * Exports {@code data} into {@code dir} on the export thread, logging what was written or what failed.
     *
     * @param data the capture
     * @param dir  its folder
     */
    void submit(ProfileData data, Path dir) {
        submit(() -> data, dir);
    }

    /**
     * Builds a capture and exports it into {@code dir}, both on the export thread.
     *
     * @param build makes the capture (flushing its last records first, say)
     * @param dir   its folder
     * @return done when the capture is built and exported (or failed, logged)
     */
    java.util.concurrent.Future<?> submit(java.util.function.Supplier<ProfileData> build, Path dir) {
        return thread.submit(() -> {
            ProfileData data;
            try {
                data = build.get();
            } catch (Throwable t) {
                LOG.warn("profiler: building the capture for {} failed: {}", dir.toAbsolutePath(), t.toString());
                return;
            }
            ExportResult r;
            try {
                r = exporter.export(data, dir);
            } catch (Throwable t) {
                r = ExportResult.failure(exporter.name() + " (" + t + ")");
            }
            if (r.isSuccess()) {
                LOG.info("profiler: wrote {} ({} ranges, {} kernels, {} copies, {} dropped)", dir.toAbsolutePath(),
                        data.ranges().size(), data.kernels().size(), data.memcpys().size(), data.droppedRecords());
            } else {
                LOG.warn("profiler: export to {} failed: {}", dir.toAbsolutePath(), String.join(", ", r.failures()));
            }
        });
    }

    /** Waits (up to 2 minutes) for the exports submitted, then flushes and shuts the exporters down. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("profiler: exports still running after 2 minutes; not waiting for them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExportResult end = exporter.flush().and(exporter.shutdown());
        if (!end.isSuccess()) {
            LOG.warn("profiler: exporters failed to flush or shut down: {}", String.join(", ", end.failures()));
        }
    }
}
