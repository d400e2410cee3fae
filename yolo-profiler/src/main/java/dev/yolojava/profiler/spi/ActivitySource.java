package dev.yolojava.profiler.spi;

import dev.yolojava.profiler.model.DeviceProperties;

import java.util.List;

/**
 * A collector of GPU activity (CUPTI), found with {@link java.util.ServiceLoader}. Every method
 * must return quickly and never throw into user code: failures are logged and degrade collection.
 */
public interface ActivitySource {

    /** @return a short name for logs, e.g. {@code cupti} */
    String name();

    /** @return null when the source can run here, else why not (library missing, no GPU...) */
    String unavailableReason();

    /**
     * Starts delivering records to {@code sink}.
     *
     * @param sink where records go
     * @return false when it could not start
     */
    boolean start(ActivitySink sink);

    /** Delivers every completed record now (blocks until the buffers are handed over). */
    void flush();

    /**
     * Switches collection on or off while started (kernel windows); records already collected are still
     * delivered. A source that cannot switch keeps collecting, which costs speed but loses nothing.
     *
     * @param on whether to collect
     */
    default void collect(boolean on) {
    }

    /** Stops collecting, after a final flush. */
    void stop();

    /** @return the source's current timestamp in ns, the clock its records use */
    long timestampNs();

    /**
     * Pushes an external correlation id for GPU work launched from this thread.
     *
     * @param id the range's id
     */
    void pushCorrelation(long id);

    /** Pops the id pushed last on this thread. */
    void popCorrelation();

    /** @return the GPUs visible, for occupancy and bandwidth figures */
    List<DeviceProperties> devices();
}
