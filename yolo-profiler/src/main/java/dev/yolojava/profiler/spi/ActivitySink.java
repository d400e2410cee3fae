package dev.yolojava.profiler.spi;

import dev.yolojava.profiler.model.ActivityRecord;


/** Receives GPU activity records from an {@link ActivitySource}; thread-safe, never blocks. */
public interface ActivitySink {

    /**
     * Takes one record; called on the source's thread, so it must return quickly.
     *
     * @param r the record
     */
    void record(ActivityRecord r);

    /**
     * Counts records the source lost (its buffers were full) or could not parse.
     *
     * @param count how many
     */
    void dropped(long count);
}
