package dev.yolojava.core.video;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Plays a recorded source at its own pace, like a camera (FFmpeg's {@code -re}): each frame is delivered no
 * earlier than its presentation time after the first frame's delivery. For tests and benchmarks of live
 * streams from files; wrap it in a {@link LiveVideoSource} to get a camera's drop-oldest behaviour.
 */
public final class PacedVideoSource implements VideoSource {
    /** Waits until a {@link LongSupplier#getAsLong() clock} time; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * @param nanos how long to wait
         */
        void sleepNanos(long nanos);
    }

    private final VideoSource source;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long startNanos = Long.MIN_VALUE;
    private long firstTimestampMicros;

    /**
     * @param source the recorded source (this one owns it from now on and closes it)
     */
    public PacedVideoSource(VideoSource source) {
        this(source, System::nanoTime, LockSupport::parkNanos);
    }

    /**
     * @param source  the recorded source (owned from now on)
     * @param clock   nanosecond clock
     * @param sleeper waits on that clock
     */
    public PacedVideoSource(VideoSource source, LongSupplier clock, Sleeper sleeper) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public VideoFrame read() {
        VideoFrame f = source.read();
        if (f == null) {
            return null;
        }
        if (startNanos == Long.MIN_VALUE) {
            startNanos = clock.getAsLong();
            firstTimestampMicros = f.timestampMicros();
            return f;
        }
        long due = dueNanos(f);
        for (long wait; (wait = due - clock.getAsLong()) > 0; ) {
            sleeper.sleepNanos(wait);
        }
        return f;
    }

    /**
     * @param f a frame this source delivered
     * @return the clock time at which that frame was due: a live camera's capture time, from which a frame's
     *         latency counts
     */
    public long dueNanos(VideoFrame f) {
        return startNanos + (f.timestampMicros() - firstTimestampMicros) * 1000;
    }

    @Override
    public int framesKept() {
        return source.framesKept();
    }

    @Override
    public double frameRate() {
        return source.frameRate();
    }

    @Override
    public long corruptPackets() {
        return source.corruptPackets();
    }

    @Override
    public String decoder() {
        return source.decoder();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public void close() {
        source.close();
    }
}
