package dev.yolojava.core.batch;

import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloConfig;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Several detectors over the same model (on a GPU: several execution contexts and streams), lent
 * to callers one at a time, so that concurrent threads run concurrently instead of queueing on
 * one detector's lock. A frame in GPU memory ({@link dev.yolojava.core.image.DeviceImage}) goes to a free detector
 * on its GPU, so a pool spread over several GPUs takes device frames decoded on any of them. Owns its detectors:
 * {@link #close()} closes them all.
 */
public final class DetectorPool implements AutoCloseable {
    private static final int ANY_DEVICE = Integer.MIN_VALUE;
    private final List<YoloDetector> all;
    private final int[] devices; // each detector's CUDA device, -1 when it takes no device frames
    private final Deque<Integer> idle = new ArrayDeque<>(); // positions in all
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    /** Runs the chunks of {@link #detectEncoded} and {@link #detectFiles}, one thread per detector; made on first use. */
    private java.util.concurrent.ExecutorService workers;
    private volatile boolean closed;

    private DetectorPool(List<YoloDetector> detectors) {
        this.all = List.copyOf(detectors);
        this.devices = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            devices[i] = all.get(i).cudaDevice().orElse(-1);
            idle.add(i);
        }
    }

    /**
     * Opens {@code size} detectors with {@code config}.
     *
     * @param config the detectors' configuration
     * @param size   how many detectors, {@code >= 1}
     * @return the pool
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public static DetectorPool open(YoloConfig config, int size) {
        return open(size, () -> YoloDetector.open(config));
    }

    /**
     * Opens {@code size} detectors from {@code factory}, closing those opened if one fails.
     *
     * @param size    how many detectors, {@code >= 1}
     * @param factory opens one detector
     * @return the pool
     */
    public static DetectorPool open(int size, java.util.function.Supplier<YoloDetector> factory) {
        java.util.Objects.requireNonNull(factory, "factory");
        return open(size, (java.util.function.IntFunction<YoloDetector>) i -> factory.get());
    }

    /**
     * Opens {@code size} detectors, the i-th from {@code factory.apply(i)}, closing those opened if one fails.
     * Spread detectors over GPUs this way, e.g. {@code i -> builder.option("tensorrt.device", i % gpus).build()}:
     * a caller then gets whichever detector is free, so work flows to the GPU that has room.
     *
     * @param size    how many detectors, {@code >= 1}
     * @param factory opens detector number i (0-based)
     * @return the pool
     */
    public static DetectorPool open(int size, java.util.function.IntFunction<YoloDetector> factory) {
        java.util.Objects.requireNonNull(factory, "factory");
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1, got " + size);
        }
        List<YoloDetector> ds = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                ds.add(factory.apply(i));
            }
        } catch (RuntimeException e) {
            ds.forEach(YoloDetector::close);
            throw e;
        }
        return new DetectorPool(ds);
    }

    /**
     * Runs {@code work} on a free detector, waiting for one.
     *
     * @param <T>  what the work returns
     * @param work what to do with the detector (it is lent until the work returns)
     * @return what the work returned
     */
    public <T> T with(Function<YoloDetector, T> work) {
        return with(ANY_DEVICE, work);
    }

    /**
     * Runs {@code work} on a free detector that runs on CUDA device {@code device}, waiting for one.
     *
     * @param <T>    what the work returns
     * @param device the CUDA device
     * @param work   what to do with the detector (it is lent until the work returns)
     * @return what the work returned
     * @throws IllegalArgumentException when no detector of the pool runs on that device
     */
    public <T> T withDevice(int device, Function<YoloDetector, T> work) {
        if (device < 0) {
            throw new IllegalArgumentException("device: expected >= 0, got " + device);
        }
        return with(device, work);
    }

    /**
     * Runs {@code work} on every detector of the pool in turn, each lent to it alone (waiting while it is busy):
     * warming each one up with the frames it will see, for instance, so that no caller's first frame waits for
     * CUDA graph captures at a new frame size.
     *
     * @param work what to do with each detector
     */
    public void forEachDetector(java.util.function.Consumer<YoloDetector> work) {
        java.util.Objects.requireNonNull(work, "work");
        for (int d = 0; d < all.size(); d++) {
            int wanted = d;
            lend(takeFirst(x -> x == wanted), det -> {
                work.accept(det);
                return null;
            });
        }
    }

    private <T> T with(int device, Function<YoloDetector, T> work) {
        return lend(take(device), work);
    }

    /** Runs {@code work} on detector {@code d} (taken by the caller), then gives it back. */
    private <T> T lend(int d, Function<YoloDetector, T> work) {
        try {
            return work.apply(all.get(d));
        } finally {
            lock.lock();
            try {
                idle.addLast(d);
                returned.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private int take(int device) {
        if (closed) {
            throw new IllegalStateException("DetectorPool is closed");
        }
        if (device != ANY_DEVICE && java.util.Arrays.stream(devices).noneMatch(x -> x == device)) {
            throw new IllegalArgumentException("a frame in the memory of CUDA device " + device + ", but the pool's"
                    + " detectors run on " + describeDevices() + ": spread the pool over that device too"
                    + " (tensorrt.device), or decode on a device of the pool");
        }
        return takeFirst(d -> device == ANY_DEVICE || devices[d] == device);
    }

    /** Waits for the first idle detector (in idle order) that {@code wanted} accepts, and takes it. */
    private int takeFirst(java.util.function.IntPredicate wanted) {
        lock.lock();
        try {
            while (true) {
                for (Iterator<Integer> it = idle.iterator(); it.hasNext(); ) {
                    int d = it.next();
                    if (wanted.test(d)) {
                        it.remove();
                        return d;
                    }
                }
                if (closed) {
                    throw new IllegalStateException("DetectorPool is closed");
                }
                returned.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a detector", e);
        } finally {
            lock.unlock();
        }
    }

    private String describeDevices() {
        TreeSet<Integer> gpus = new TreeSet<>();
        for (int d : devices) {
            if (d >= 0) {
                gpus.add(d);
            }
        }
        return gpus.isEmpty() ? "no GPU" : "CUDA device(s) " + gpus;
    }

    /**
     * @param image the image; one in GPU memory goes to a detector on its GPU
     * @return detections for one image, on a free detector
     */
    public List<Detection> detect(Frame image) {
        return with(deviceOf(List.of(image)), d -> d.detect(image));
    }

    /**
     * @param images the images; those in GPU memory must all be on one GPU, and go to a detector there
     * @return detections for several images, on a free detector
     */
    public List<List<Detection>> detectBatch(List<? extends Frame> images) {
        return with(deviceOf(images), d -> d.detectBatch(images));
    }

    private static int deviceOf(List<? extends Frame> images) {
        int device = ANY_DEVICE;
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i) instanceof dev.yolojava.core.image.DeviceImage g) {
                if (device != ANY_DEVICE && device != g.device()) {
                    throw new IllegalArgumentException("image " + i + ": in the memory of CUDA device " + g.device()
                            + ", earlier images of the batch on device " + device + ": one batch runs on one GPU");
                }
                device = g.device();
            }
        }
        return device;
    }

    /**
     * Decodes and detects many encoded images on every detector of the pool at once: the list is cut into pieces
     * of one to four batches of the detectors' batch size, each run on whichever detector is free, so one
     * detector's decoding (nvJPEG on TensorRT) overlaps another's inference, and within a piece each batch decodes
     * while the previous one infers. On an H100 two detectors took batch-32 JPEG throughput from 1,723–1,757
     * to 2,667 images/s (docs/benchmarks.md, sixth session).
     *
     * @param encodedImages the files' bytes
     * @return one list per image, in order
     * @throws dev.yolojava.core.InvalidImageException naming the first image (by its index in this list) that cannot
     *                                                 be decoded, once every chunk has ended
     * @throws IllegalStateException                   when the pool is closed (before or during the call); do not call
     *                                                 it while holding one of the pool's detectors ({@link #with}): with
     *                                                 every detector held it would wait for ever
     */
    public List<List<Detection>> detectEncoded(List<byte[]> encodedImages) {
        java.util.Objects.requireNonNull(encodedImages, "encodedImages");
        List<String> names = dev.yolojava.core.internal.ImageNames.encoded(encodedImages, 0);
        return inChunks(encodedImages.size(), (d, from, to) -> d.detectEncoded(encodedImages.subList(from, to),
                names.subList(from, to)));
    }

    /**
     * Reads, decodes and detects many image files on every detector of the pool at once, as
     * {@link #detectEncoded(List)} does.
     *
     * @param files image files
     * @return one list per file, in order
     * @throws dev.yolojava.core.InvalidImageException naming the first file that is missing or cannot be decoded
     */
    public List<List<Detection>> detectFiles(List<java.nio.file.Path> files) {
        java.util.Objects.requireNonNull(files, "files");
        return inChunks(files.size(), (d, from, to) -> d.detectFiles(files.subList(from, to)));
    }

    /** Detects items [from, to) of a list on one detector. */
    @FunctionalInterface
    private interface Chunk {
        List<List<Detection>> run(YoloDetector detector, int from, int to);
    }

    private List<List<Detection>> inChunks(int n, Chunk chunk) {
        if (closed) {
            throw new IllegalStateException("DetectorPool is closed");
        }
        int batch = all.stream().mapToInt(d -> d.config().batchSize()).min().orElse(1);
        List<java.util.concurrent.Future<List<List<Detection>>>> parts = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = workers();
        int piece = batch * piecesOfBatches(n, batch, all.size());
        for (int from = 0; from < n; from += piece) {
            int f = from;
            int t = Math.min(n, from + piece);
            parts.add(pool.submit(dev.yolojava.profiler.Profiler.wrap(() -> with(d -> chunk.run(d, f, t)))));
        }
        List<List<Detection>> out = new ArrayList<>(n);
        RuntimeException first = null;
        for (java.util.concurrent.Future<List<List<Detection>>> part : parts) { // every chunk ends before we return
            try {
                out.addAll(part.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (java.util.concurrent.CancellationException e) { // the pool closed under this call
                if (first == null) {
                    first = new IllegalStateException("DetectorPool was closed while detecting", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                parts.forEach(p -> p.cancel(true));
                throw new IllegalStateException("interrupted while detecting", e);
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /**
     * How many batches one piece of a long list holds: up to {@value #MOST_BATCHES_PER_PIECE}, so that a detector
     * decodes each batch of its piece while the previous one infers, but small enough that every detector gets
     * about two pieces.
     */
    static int piecesOfBatches(int n, int batch, int detectors) {
        int batches = (n + batch - 1) / batch;
        return Math.max(1, Math.min(MOST_BATCHES_PER_PIECE, batches / (2 * Math.max(1, detectors))));
    }

    private static final int MOST_BATCHES_PER_PIECE = 4;

    private synchronized java.util.concurrent.ExecutorService workers() {
        if (workers == null) {
            workers = java.util.concurrent.Executors.newFixedThreadPool(all.size(),
                    dev.yolojava.core.internal.DaemonThreads.named("yolo-pool"));
        }
        return workers;
    }

    /** @return how many detectors the pool holds */
    public int size() {
        return all.size();
    }

    /** Closes every detector; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.lock();
            try {
                returned.signalAll(); // waiting callers fail instead of waiting for ever
            } finally {
                lock.unlock();
            }
            synchronized (this) {
                if (workers != null) {
                    workers.shutdownNow();
                }
            }
            all.forEach(YoloDetector::close);
        }
    }
}
