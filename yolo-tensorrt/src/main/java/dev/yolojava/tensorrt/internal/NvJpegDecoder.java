package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.internal.JpegHeader;
import dev.yolojava.tensorrt.CudaException;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.nvjpeg.nvjpegHandle;
import org.bytedeco.cuda.nvjpeg.nvjpegImage_t;
import org.bytedeco.cuda.nvjpeg.nvjpegJpegState;
import org.bytedeco.cuda.nvjpeg.nvjpegJpegStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamNonBlocking;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_BACKEND_GPU_HYBRID;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_BACKEND_HARDWARE;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_OUTPUT_RGBI;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegCreateEx;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatched;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatchedInitialize;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatchedSupported;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDestroy;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStateCreate;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStateDestroy;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStreamCreate;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStreamDestroy;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStreamParseHeader;

/**
 * Batched JPEG decoding on the GPU with nvJPEG into device buffers (interleaved RGB, one buffer per batch
 * position and {@linkplain #GENERATIONS generation}, reused), which the letterbox kernel reads where they are. {@code hardware} uses the GPU's JPEG
 * engines (A100, H100, ...) and takes only the JPEGs {@code nvjpegDecodeBatchedSupported} accepts;
 * {@code gpu} is nvJPEG's CUDA (hybrid) decoder. A batch is split over one or more lanes (a decoder state,
 * a stream and a thread each, one shared handle), which decode their parts at once. Every decode is awaited
 * with a deadline: a decode that does not finish in time is reported, the decoder is given up and the
 * caller decodes on the CPU, so no input can hang a detector.
 */
final class NvJpegDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NvJpegDecoder.class);
    /** Longest one batch may take before the decoder is given up. */
    static final long DEADLINE_MS = 5_000;
    /** Output rows start at multiples of this many bytes (as cudaMallocPitch would), not at 3 × width. */
    static final int PITCH_ALIGN = 256;
    /**
     * Sets of output buffers: a batch decoded while the previous batch's frames are still being read by the
     * inference it was submitted to goes to the other set.
     */
    static final int GENERATIONS = 2;

    /** One decoder state with its stream and thread; used by one decode at a time. */
    private static final class Lane {
        final nvjpegJpegState state = new nvjpegJpegState();
        final CUstream_st stream = new CUstream_st();
        final ExecutorService worker;
        int initializedBatch = -1;

        Lane(int device, int index) {
            this.worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "yolo-nvjpeg-" + device + "-" + index);
                t.setDaemon(true);
                return t;
            });
        }
    }

    private final int device;
    private final boolean hardware;
    private final nvjpegHandle handle = new nvjpegHandle();
    private final nvjpegJpegStream parser = new nvjpegJpegStream();
    private final Lane[] lanes;
    /** Output buffers by generation, then batch position. */
    private final DeviceMemory[][] outputs;
    /** Each batch position's bitstream, staged once per call in page-locked memory nvJPEG reads from; reused. */
    private final PinnedMemory[] bitstreams;
    private volatile boolean broken;
    private boolean closed;

    private NvJpegDecoder(int device, boolean hardware, int maxBatch, int lanes) {
        this.device = device;
        this.hardware = hardware;
        this.outputs = new DeviceMemory[GENERATIONS][maxBatch];
        this.bitstreams = new PinnedMemory[maxBatch];
        this.lanes = new Lane[Math.max(1, Math.min(lanes, maxBatch))];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane(device, i);
        }
    }

    /**
     * @param device   the CUDA device (current on this thread)
     * @param hardware the JPEG engines; else nvJPEG's CUDA decoder
     * @param maxBatch most images per call
     * @param lanes    decoder states a batch is split over (at most {@code maxBatch} are made)
     * @return the decoder
     * @throws CudaException naming the call when nvJPEG cannot be set up (no hardware decoder, say)
     * @throws UnsatisfiedLinkError when libnvjpeg is missing
     */
    static NvJpegDecoder open(int device, boolean hardware, int maxBatch, int lanes) {
        Loader.load(org.bytedeco.cuda.global.nvjpeg.class);
        NvJpegDecoder d = new NvJpegDecoder(device, hardware, maxBatch, lanes);
        try {
            d.onLanes(List.of(() -> {
                Cuda.checkNvJpeg(nvjpegCreateEx(hardware ? NVJPEG_BACKEND_HARDWARE : NVJPEG_BACKEND_GPU_HYBRID, null, null,
                        0, d.handle), "nvjpegCreateEx(" + (hardware ? "NVJPEG_BACKEND_HARDWARE" : "NVJPEG_BACKEND_GPU_HYBRID") + ")");
                Cuda.checkNvJpeg(nvjpegJpegStreamCreate(d.handle, d.parser), "nvjpegJpegStreamCreate");
                for (Lane lane : d.lanes) {
                    Cuda.checkNvJpeg(nvjpegJpegStateCreate(d.handle, lane.state), "nvjpegJpegStateCreate");
                    Cuda.check(cudaStreamCreateWithFlags(lane.stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags(nvJPEG)");
                }
                return null;
            }));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** @return whether a decode missed its deadline (the decoder is then unusable) */
    boolean broken() {
        return broken;
    }

    /** @return how many lanes a batch is split over */
    int lanes() {
        return lanes.length;
    }

    /**
     * @param jpegs   the files' bytes
     * @param headers their parsed headers (null where a JPEG has none the CPU decoder would not refuse)
     * @return per JPEG, whether this decoder takes it: 8-bit, 3 components, upright (no EXIF rotation), and for
     *         the hardware decoder, accepted by {@code nvjpegDecodeBatchedSupported} on its parsed header (one
     *         trip to a decoder thread for the whole batch; only the markers before the first scan are handed to
     *         nvJPEG, the whole stream only where those alone do not parse)
     */
    boolean[] supports(List<byte[]> jpegs, List<JpegHeader> headers) {
        int n = jpegs.size();
        boolean[] ok = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            JpegHeader header = headers.get(i);
            ok[i] = !broken && header != null && header.components() == 3 && header.precision() == 8
                    && header.orientation() == 1 && (header.baseline() || header.progressive() && !hardware);
            any |= ok[i];
        }
        if (!hardware || !any) {
            return ok;
        }
        return onLanes(List.<Callable<boolean[]>>of(() -> {
            try (PointerScope scope = new PointerScope()) {
                IntPointer unsupported = new IntPointer(1);
                for (int i = 0; i < n; i++) {
                    if (!ok[i]) {
                        continue;
                    }
                    byte[] jpeg = jpegs.get(i);
                    // the markers alone (up to the first scan): handing JNI the whole array copies all of it (1.4 MB
                    // for kite.jpg; and back out again where the parameter is not const); the full stream is the fallback
                    int head = headers.get(i).headerBytes();
                    byte[] markers = head > 0 && head < jpeg.length ? java.util.Arrays.copyOf(jpeg, head) : jpeg;
                    if (nvjpegJpegStreamParseHeader(handle, markers, markers.length, parser) != 0
                            && (markers == jpeg || nvjpegJpegStreamParseHeader(handle, jpeg, jpeg.length, parser) != 0)) {
                        ok[i] = false;
                        continue;
                    }
                    Cuda.checkNvJpeg(nvjpegDecodeBatchedSupported(handle, parser, unsupported), "nvjpegDecodeBatchedSupported");
                    ok[i] = unsupported.get() == 0;
                }
                return ok;
            }
        })).get(0);
    }

    /**
     * Decodes {@code jpegs} (each {@link #supports supported}) into the buffers of {@code positions} in set
     * {@code generation}, split over the lanes in parts of equal count (so each lane's batch size, and its nvJPEG
     * set-up, repeats from call to call).
     *
     * @param generation which set of output buffers (0 .. {@link #GENERATIONS} − 1)
     * @return one device frame per JPEG, valid until the next decode into the same position and generation
     * @throws CudaException when nvJPEG fails (a broken bitstream, say), or when the deadline passed
     */
    List<DeviceImage> decode(List<byte[]> jpegs, List<JpegHeader> headers, int[] positions, int generation) {
        DeviceMemory[] outputs = this.outputs[generation];
        int n = jpegs.size();
        List<DeviceImage> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JpegHeader h = headers.get(i);
            int pitch = (3 * h.width() + PITCH_ALIGN - 1) / PITCH_ALIGN * PITCH_ALIGN;
            long bytes = (long) pitch * h.height();
            DeviceMemory m = outputs[positions[i]];
            if (m == null || m.bytes() < bytes) {
                if (m != null) {
                    m.close();
                }
                m = new DeviceMemory(Math.max(bytes, (long) Math.ceil(bytes * 1.25 / 4096) * 4096),
                        "nvJPEG output " + positions[i] + "/" + generation);
                outputs[positions[i]] = m;
            }
            frames.add(new DeviceImage(m.pointer().address(), h.width(), h.height(), pitch, PixelFormat.RGB, device));
        }
        List<PinnedMemory> staged = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            staged.add(stage(jpegs.get(i), positions[i]));
        }
        int k = Math.min(lanes.length, n);
        List<Callable<Void>> parts = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            int from = j * n / k;
            int to = (j + 1) * n / k;
            Lane lane = lanes[j];
            parts.add(() -> decodePart(lane, jpegs.subList(from, to), staged.subList(from, to), frames.subList(from, to)));
        }
        onLanes(parts);
        return frames;
    }

    /**
     * Copies a bitstream into the page-locked buffer of its batch position (grown as needed), so nvJPEG uploads it
     * from there instead of from a fresh native copy of the Java array in pageable memory.
     */
    private PinnedMemory stage(byte[] jpeg, int position) {
        PinnedMemory b = bitstreams[position];
        if (b == null || b.bytes() < jpeg.length) {
            if (b != null) {
                b.close();
            }
            b = new PinnedMemory(Math.max(jpeg.length, (long) Math.ceil(jpeg.length * 1.25 / 65536) * 65536),
                    "nvJPEG bitstream " + position);
            bitstreams[position] = b;
        }
        b.buffer().put(jpeg);
        return b;
    }

    private Void decodePart(Lane lane, List<byte[]> jpegs, List<PinnedMemory> staged, List<DeviceImage> frames) {
        int n = jpegs.size();
        try (PointerScope scope = new PointerScope()) {
            if (lane.initializedBatch != n) {
                Cuda.checkNvJpeg(nvjpegDecodeBatchedInitialize(handle, lane.state, n, 1, NVJPEG_OUTPUT_RGBI),
                        "nvjpegDecodeBatchedInitialize(batch " + n + ")");
                lane.initializedBatch = n;
            }
            PointerPointer<BytePointer> data = new PointerPointer<>(n);
            SizeTPointer lengths = new SizeTPointer(n);
            nvjpegImage_t dst = new nvjpegImage_t(n);
            // every channel pointer and pitch zeroed first, as NVIDIA's samples do: the array comes from
            // new[] and holds garbage, and RGBI output sets only channel 0
            Pointer.memset(dst, 0, (long) n * dst.sizeof());
            for (int i = 0; i < n; i++) {
                data.put(i, staged.get(i).at(0)); // jpegs.get(i), staged in page-locked memory
                lengths.put(i, jpegs.get(i).length);
                DeviceImage f = frames.get(i);
                dst.position(i).channel(0, new BytePointer(Cuda.at(f.address()))).pitch(0, f.stride());
            }
            dst.position(0);
            int s = nvjpegDecodeBatched(handle, lane.state, data, lengths, dst, lane.stream);
            if (s != 0) {
                lane.initializedBatch = -1; // start the next batch afresh
                Cuda.checkNvJpeg(s, "nvjpegDecodeBatched(" + n + " images)");
            }
            Cuda.check(cudaStreamSynchronize(lane.stream), "cudaStreamSynchronize(nvJPEG)");
            return null;
        }
    }

    /**
     * Runs {@code work.get(j)} on lane j's thread (device set), all at once, waiting at most {@link #DEADLINE_MS}
     * for them together.
     *
     * @return each work's result, in order
     * @throws RuntimeException the first failure, after every part has ended
     */
    private <T> List<T> onLanes(List<? extends Callable<T>> work) {
        if (broken) {
            throw new CudaException("nvJPEG", -1, "the GPU JPEG decoder was given up after a decode missed its deadline");
        }
        List<Future<T>> fs = new ArrayList<>(work.size());
        for (int j = 0; j < work.size(); j++) {
            Callable<T> w = work.get(j);
            fs.add(lanes[j].worker.submit(() -> {
                Cuda.check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
                return w.call();
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        List<T> out = new ArrayList<>(fs.size());
        RuntimeException failure = null;
        for (Future<T> f : fs) {
            try {
                out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                broken = true;
                fs.forEach(x -> x.cancel(true));
                LOG.error("nvJPEG did not finish within {} ms; GPU JPEG decoding is off for this detector (CPU decoding"
                        + " from now on)", DEADLINE_MS);
                throw new CudaException("nvJPEG decode", -1, "no result within " + DEADLINE_MS + " ms");
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new CudaException("nvJPEG", -1, String.valueOf(e.getCause()));
                }
                out.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CudaException("nvJPEG", -1, "interrupted");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!broken) { // a stuck worker keeps its handles: freeing them under it could crash the process
            try {
                lanes[0].worker.submit(() -> {
                    cudaSetDevice(device);
                    if (!parser.isNull()) {
                        nvjpegJpegStreamDestroy(parser);
                    }
                    for (Lane lane : lanes) {
                        if (!lane.state.isNull()) {
                            nvjpegJpegStateDestroy(lane.state);
                        }
                        if (!lane.stream.isNull()) {
                            cudaStreamDestroy(lane.stream);
                        }
                    }
                    if (!handle.isNull()) {
                        nvjpegDestroy(handle);
                    }
                    return null;
                }).get(DEADLINE_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("freeing nvJPEG failed: {}", e.toString());
            }
            for (DeviceMemory[] set : outputs) {
                for (DeviceMemory m : set) {
                    if (m != null) {
                        m.close();
                    }
                }
            }
            for (PinnedMemory b : bitstreams) {
                if (b != null) {
                    b.close();
                }
            }
        }
        for (Lane lane : lanes) {
            lane.worker.shutdownNow();
        }
    }
}
