package dev.yolojava.profiler.spi;

/**
 * Told of every range as it opens and closes, on the range's own thread (live output such as JFR events,
 * as opposed to exporters, which get a whole capture afterwards). An exporter that is also a listener (the
 * {@code jfr} exporter) is one when selected by name. Both methods must be quick and never throw.
 */
public interface RangeListener {

    /**
     * @param id       the range's id (also its CUPTI external correlation id)
     * @param name     its name
     * @param category its category, or null
     * @return a token handed back to {@link #closed}, or null
     */
    Object opened(long id, String name, String category);

    /**
     * @param token what {@link #opened} returned for this range
     */
    void closed(Object token);
}
