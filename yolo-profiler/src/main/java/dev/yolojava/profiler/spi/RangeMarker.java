package dev.yolojava.profiler.spi;

/**
 * Emits ranges to an external tool (NVTX for Nsight Systems), found with {@link java.util.ServiceLoader}.
 * Methods never throw.
 */
public interface RangeMarker {

    /** @return a short name for logs, e.g. {@code nvtx} */
    String name();

    /** @return null when it can run here, else why not */
    String unavailableReason();

    /** Opens a range on this thread. */
    void push(String name);

    /** Opens a range drawn in {@code rgb} (0xRRGGBB); markers without colors ignore it. */
    default void push(String name, int rgb) {
        push(name);
    }

    /** Closes the range opened last on this thread. */
    void pop();

    /** Emits an instant marker. */
    void mark(String name);
}
