package dev.yolojava.tensorrt;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.nvjpeg.nvjpegHandle;
import org.bytedeco.cuda.nvjpeg.nvjpegImage_t;
import org.bytedeco.cuda.nvjpeg.nvjpegJpegState;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamNonBlocking;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_BACKEND_HARDWARE;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_OUTPUT_RGBI;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegCreateEx;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatched;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatchedInitialize;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegGetImageInfo;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStateCreate;

/**
 * A diagnostic for the GPU machine (not a test): how many JPEGs a second nvJPEG's hardware batched decoder
 * gets through when driven from one or several threads, each with a decoder state and stream of its own
 * (one shared handle, or one handle per thread), with the bitstreams in pageable or page-locked memory.
 * {@code java -cp ... NvJpegThroughputProbe THREADS BATCH SECONDS FLAGS IMG...}, FLAGS a comma list of
 * {@code pinned}, {@code handles} (a handle per thread) or {@code -}. The batch cycles through the images.
 * Prints one line: {@code probe tput threads=.. batch=.. flags=.. images=..: N img/s, call p50 X ms}.
 */
public final class NvJpegThroughputProbe {
    private NvJpegThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        List<String> flags = List.of(args[3].split(","));
        List<byte[]> jpegs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            jpegs.add(Files.readAllBytes(Path.of(args[i])));
            names.add(Path.of(args[i]).getFileName().toString());
        }
        Loader.load(org.bytedeco.cuda.global.nvjpeg.class);
        check("cudaSetDevice", cudaSetDevice(0));
        nvjpegHandle shared = new nvjpegHandle();
        check("nvjpegCreateEx", nvjpegCreateEx(NVJPEG_BACKEND_HARDWARE, null, null, 0, shared));
        AtomicLong images = new AtomicLong();
        List<Double> callMs = java.util.Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[] window = new long[2];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    check("cudaSetDevice", cudaSetDevice(0));
                    nvjpegHandle handle = shared;
                    if (flags.contains("handles")) {
                        handle = new nvjpegHandle();
                        check("nvjpegCreateEx", nvjpegCreateEx(NVJPEG_BACKEND_HARDWARE, null, null, 0, handle));
                    }
                    nvjpegJpegState state = new nvjpegJpegState();
                    check("nvjpegJpegStateCreate", nvjpegJpegStateCreate(handle, state));
                    CUstream_st stream = new CUstream_st();
                    check("cudaStreamCreateWithFlags", cudaStreamCreateWithFlags(stream, cudaStreamNonBlocking));
                    check("nvjpegDecodeBatchedInitialize", nvjpegDecodeBatchedInitialize(handle, state, batch, 1, NVJPEG_OUTPUT_RGBI));
                    PointerPointer<BytePointer> data = new PointerPointer<>(batch);
                    SizeTPointer lengths = new SizeTPointer(batch);
                    nvjpegImage_t dst = new nvjpegImage_t(batch);
                    Pointer.memset(dst, 0, (long) batch * dst.sizeof());
                    for (int i = 0; i < batch; i++) {
                        byte[] j = jpegs.get((id + i) % jpegs.size());
                        BytePointer in;
                        if (flags.contains("pinned")) {
                            Pointer p = new Pointer();
                            check("cudaMallocHost", cudaMallocHost(p, j.length));
                            in = new BytePointer(p).capacity(j.length);
                            in.put(j);
                        } else {
                            in = new BytePointer(j);
                        }
                        data.put(i, in);
                        lengths.put(i, j.length);
                        IntPointer comps = new IntPointer(1), sub = new IntPointer(1), ws = new IntPointer(4), hs = new IntPointer(4);
                        check("nvjpegGetImageInfo", nvjpegGetImageInfo(handle, in, j.length, comps, sub, ws, hs));
                        long pitch = (3L * ws.get(0) + 255) / 256 * 256;
                        Pointer out = new Pointer();
                        check("cudaMalloc", cudaMalloc(out, pitch * hs.get(0)));
                        dst.position(i).channel(0, new BytePointer(out)).pitch(0, pitch);
                    }
                    dst.position(0);
                    for (int w = 0; w < 3; w++) { // warm-up
                        check("nvjpegDecodeBatched", nvjpegDecodeBatched(handle, state, data, lengths, dst, stream));
                        check("cudaStreamSynchronize", cudaStreamSynchronize(stream));
                    }
                    start.await();
                    long end = window[0] + (long) (seconds * 1e9);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        check("nvjpegDecodeBatched", nvjpegDecodeBatched(handle, state, data, lengths, dst, stream));
                        check("cudaStreamSynchronize", cudaStreamSynchronize(stream));
                        callMs.add((System.nanoTime() - t0) / 1e6);
                        images.addAndGet(batch);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "probe-" + t);
            ts.add(th);
            th.start();
        }
        window[0] = System.nanoTime(); // the threads read it after the barrier
        start.await();
        for (Thread th : ts) {
            th.join();
        }
        double wall = (System.nanoTime() - window[0]) / 1e9;
        double[] c = callMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("probe tput threads=%d batch=%d flags=%s images=%s: %.0f img/s, call p50 %.3f ms (%d calls)%n",
                threads, batch, args[3], names.size() == 1 ? names.get(0) : names.size() + " cycled", images.get() / wall,
                c.length == 0 ? 0 : c[c.length / 2], c.length);
    }

    private static void check(String call, int status) {
        if (status != 0) {
            throw new IllegalStateException(call + " = " + status);
        }
    }
}
