package dev.yolojava.core.video;

import dev.yolojava.core.image.RawImage;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A live stream (a camera, {@code rtsp://}) for a consumer that may fall behind: a reader thread keeps
 * decoding at the stream's pace, and when the consumer has not taken the frames waiting, the oldest is
 * dropped (counted by {@link #droppedFrames()}) so that the consumer always gets recent frames instead of
 * an ever-growing delay. Do not wrap files: a file should never drop frames. Each frame is copied into one
 * of this source's own buffers, so frames held by the consumer stay valid while the reader goes on.
 */
public final class LiveVideoSource implements VideoSource {
    private final VideoSource stream;
    private final int waiting;
    private final int kept;
    private final ByteBuffer[] buffers;
    private final ArrayDeque<VideoFrame> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> queuedSlots = new ArrayDeque<>();
    /** Slots of the frames last delivered, which the consumer may still hold (at most {@code kept}). */
    private final ArrayDeque<Integer> heldSlots = new ArrayDeque<>();
    /** Slots nobody uses: the reader fills one of these. */
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private final Thread reader;
    private long dropped;
    private boolean ended;
    private RuntimeException failure;
    private volatile boolean closed;

    /**
     * Starts reading {@code stream} on a daemon thread.
     *
     * @param stream  the live source (this one owns it from now on and closes it)
     * @param waiting most frames kept waiting for the consumer (the newest), {@code >= 1}
     * @param kept    frames the consumer may hold at once (a pipeline's frames in flight), {@code >= 1}
     */
    public LiveVideoSource(VideoSource stream, int waiting, int kept) {
        if (waiting < 1 || kept < 1) {
            throw new IllegalArgumentException("waiting and kept must be >= 1, got " + waiting + " and " + kept);
        }
        this.stream = java.util.Objects.requireNonNull(stream, "stream");
        this.waiting = waiting;
        this.kept = kept;
        // slots: the consumer's, the waiting ones, and the one being filled
        this.buffers = new ByteBuffer[kept + waiting + 1];
        for (int i = 0; i < buffers.length; i++) {
            freeSlots.add(i);
        }
        this.reader = new Thread(this::readLoop, "yolo-live-" + stream.name());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            while (!closed) {
                VideoFrame f = stream.read();
                if (f == null) {
                    break;
                }
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

    private VideoFrame copy(VideoFrame f, int slot) {
        RawImage img = f.image();
        int bytes = img.stride() * (img.height() - 1) + 3 * img.width();
        ByteBuffer b = buffers[slot];
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(bytes);
            buffers[slot] = b;
        }
        b.clear();
        b.put(0, img.pixels(), img.pixels().position(), bytes);
        return new VideoFrame(f.index(), f.timestampMicros(),
                new RawImage(b.duplicate().limit(bytes), img.width(), img.height(), img.stride(), img.format()));
    }

    @Override
    public synchronized VideoFrame read() {
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
        return stream.frameRate();
    }

    @Override
    public String name() {
        return stream.name();
    }

    @Override
    public void close() {
        closed = true;
        stream.close();
        reader.interrupt();
        synchronized (this) {
            notifyAll();
        }
    }
}
