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

    /**
     * Opens a range on this thread.
     *
     * @param name the range's name
     */
    void push(String name);

    /**
     * Opens a range drawn in {@code rgb}; markers without colors ignore it.
     *
     * @param name the range's name
     * @param rgb  the colour, 0xRRGGBB
     */
    default void push(String name, int rgb) {
        push(name);
    }

    /** Closes the range opened last on this thread. */
    void pop();

    /**
     * Emits an instant marker.
     *
     * @param name the marker's name
     */
    void mark(String name);
}
