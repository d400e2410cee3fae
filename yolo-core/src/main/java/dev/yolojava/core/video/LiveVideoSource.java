package dev.yolojava.core.video;

import dev.yolojava.core.image.RawImage;

import java.util.ArrayDeque;

/**
 * A live stream (a camera, {@code rtsp://}) for a consumer that may fall behind: a reader thread keeps
 * decoding at the stream's pace, and when the consumer has not taken the frames waiting, the oldest is
 * dropped (counted by {@link #droppedFrames()}) so that the consumer always gets recent frames instead of
 * an ever-growing delay. Do not wrap files: a file should never drop frames. Each frame is copied into one
 * of this source's own buffers, so frames held by the consumer stay valid while the reader goes on. Frames
 * are numbered by this source, across reconnects ({@link #reconnecting}). Reading starts with the consumer's first
 * {@link #read()}: frames a camera sent before anyone asked for one are not kept, and are not counted as dropped (a
 * consumer that opens several streams one after another, or warms its detector first, starts with none lost).
 */
public final class LiveVideoSource implements VideoSource {
    private final java.util.function.Supplier<VideoSource> opener;
    private final int maxReconnects;
    private final long reconnectDelayMillis;
    private VideoSource stream;
    private long nextIndex;
    private int reconnects;
    private final int waiting;
    private final int kept;
    private final FrameRing ring;
    private final ArrayDeque<VideoFrame> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> queuedSlots = new ArrayDeque<>();
    /** Slots of the frames last delivered, which the consumer may still hold (at most {@code kept}). */
    private final ArrayDeque<Integer> heldSlots = new ArrayDeque<>();
    /** Slots nobody uses: the reader fills one of these. */
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private final Thread reader;
    private boolean started;
    private long dropped;
    private boolean ended;
    private RuntimeException failure;
    private volatile boolean closed;

    /**
     * Reads {@code stream} on a daemon thread from the first {@link #read()} on.
     *
     * @param stream  the live source (this one owns it from now on and closes it)
     * @param waiting most frames kept waiting for the consumer (the newest), {@code >= 1}
     * @param kept    frames the consumer may hold at once (a pipeline's frames in flight), {@code >= 1}
     */
    public LiveVideoSource(VideoSource stream, int waiting, int kept) {
        this(java.util.Objects.requireNonNull(stream, "stream"), null, 0, 0, waiting, kept);
    }

    /**
     * A live source that opens its stream again when it breaks off or ends, up to {@code maxReconnects} times
     * in a row (a frame read resets the count), waiting {@code delay} between attempts; when it gives up,
     * {@link #read()} throws an {@link dev.yolojava.core.InvalidImageException} naming the stream and the cause.
     *
     * @param opener        opens the stream (called now and on every reconnect)
     * @param maxReconnects attempts in a row before giving up, {@code >= 0}
     * @param delay         wait before each attempt
     * @param waiting       most frames kept waiting for the consumer, {@code >= 1}
     * @param kept          frames the consumer may hold at once, {@code >= 1}
     * @return the running source
     */
    public static LiveVideoSource reconnecting(java.util.function.Supplier<VideoSource> opener, int maxReconnects,
                                               java.time.Duration delay, int waiting, int kept) {
        if (maxReconnects < 0) {
            throw new IllegalArgumentException("maxReconnects must be >= 0, got " + maxReconnects);
        }
        return new LiveVideoSource(opener.get(), opener, maxReconnects, delay.toMillis(), waiting, kept);
    }

    private LiveVideoSource(VideoSource stream, java.util.function.Supplier<VideoSource> opener, int maxReconnects,
                            long reconnectDelayMillis, int waiting, int kept) {
        if (waiting < 1 || kept < 1) {
            throw new IllegalArgumentException("waiting and kept must be >= 1, got " + waiting + " and " + kept);
        }
        this.stream = stream;
        this.opener = opener;
        this.maxReconnects = maxReconnects;
        this.reconnectDelayMillis = reconnectDelayMillis;
        this.waiting = waiting;
        this.kept = kept;
        // slots: the consumer's, the waiting ones, and the one being filled
        int slots = kept + waiting + 1;
        this.ring = new FrameRing(slots);
        for (int i = 0; i < slots; i++) {
            freeSlots.add(i);
        }
        this.reader = new Thread(this::readLoop, "yolo-live-" + stream.name());
        reader.setDaemon(true);
    }

    private void readLoop() {
        int attempts = 0;
        try {
            while (!closed) {
                VideoFrame f;
                RuntimeException broke = null;
                try {
                    f = current().read();
                } catch (RuntimeException e) {
                    f = null;
                    broke = e;
                }
                if (f == null) { // ended or broke off: reconnect while attempts are left
                    if (closed) {
                        break;
                    }
                    if (opener == null || attempts >= maxReconnects) {
                        if (broke == null && attempts == 0) {
                            break; // the stream ended and nothing was tried: a clean end
                        }
                        if (opener == null) {
                            throw broke;
                        }
                        throw new dev.yolojava.core.InvalidImageException("stream " + name() + " lost; gave up after "
                                + attempts + " reconnect attempt(s)" + (broke != null ? ": " + broke.getMessage() : ""),
                                broke);
                    }
                    attempts++;
                    Thread.sleep(reconnectDelayMillis);
                    reopen();
                    continue;
                }
                attempts = 0;
                int slot;
                synchronized (this) { // there is always one: kept + waiting + 1 slots, at most kept + waiting in use
                    slot = freeSlots.poll();
                }
                VideoFrame copy = copy(f, slot);
                synchronized (this) {
                    if (queue.size() == waiting) { // the consumer is behind: the oldest waiting frame goes
                        queue.poll();
                        freeSlots.add(queuedSlots.poll());
                        dropped++;
                    }
                    queue.add(copy);
                    queuedSlots.add(slot);
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e;
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized VideoSource current() {
        return stream;
    }

    /** Closes the broken stream and opens it again; a failed open counts as one attempt. */
    private void reopen() {
        VideoSource old = current();
        old.close();
        try {
            VideoSource fresh = opener.get();
            synchronized (this) {
                stream = fresh;
                reconnects++;
            }
        } catch (RuntimeException e) {
            // the next read of the closed stream fails, and the loop tries again while attempts are left
        }
    }

    /** @return times the stream was opened again after breaking off */
    public synchronized int reconnects() {
        return reconnects;
    }

    private VideoFrame copy(VideoFrame f, int slot) {
        if (!(f.image() instanceof RawImage host)) {
            throw new IllegalArgumentException("live source " + name() + ": frames in GPU memory cannot be buffered here (they"
                    + " are the decoder's, reused after a few frames); decode live streams with the CPU or NVDEC decoder");
        }
        return new VideoFrame(nextIndex++, f.timestampMicros(), ring.copy(host, slot));
    }

    @Override
    public synchronized VideoFrame read() {
        if (!started) { // the camera's frames count from the consumer's first request on
            if (closed) {
                return null;
            }
            started = true;
            reader.start();
        }
        while (queue.isEmpty() && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (!queue.isEmpty()) {
            heldSlots.add(queuedSlots.poll());
            if (heldSlots.size() > kept) { // the consumer holds its last `kept` frames at most
                freeSlots.add(heldSlots.poll());
            }
            return queue.poll();
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    /** @return frames dropped because the consumer was behind */
    public synchronized long droppedFrames() {
        return dropped;
    }

    @Override
    public int framesKept() {
        return kept;
    }

    @Override
    public double frameRate() {
        return current().frameRate();
    }

    /** @return corrupt packets the current connection's decoder skipped (each reconnection counts afresh) */
    @Override
    public long corruptPackets() {
        return current().corruptPackets();
    }

    @Override
    public String decoder() {
        return current().decoder();
    }

    @Override
    public String name() {
        return current().name();
    }

    @Override
    public void close() {
        closed = true;
        current().close();
        reader.interrupt();
        synchronized (this) {
            notifyAll();
        }
    }
}
