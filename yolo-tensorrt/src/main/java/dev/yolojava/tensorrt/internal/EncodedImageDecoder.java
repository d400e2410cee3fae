package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.internal.Decoding;
import dev.yolojava.core.image.internal.ImageDecoders;
import dev.yolojava.core.image.internal.JpegHeader;
import dev.yolojava.core.internal.ParallelBatch;
import dev.yolojava.tensorrt.CudaException;
import dev.yolojava.tensorrt.TensorRtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A session's encoded images to frames for its next call ({@code tensorrt.jpegDecoder}, {@code tensorrt.jpegLanes}):
 * nvJPEG (opened on the first encoded call, unless the mode is {@code cpu}) for the JPEGs it takes, decoding into
 * device buffers; the rest on the CPU, a batch's images at once, into page-locked buffers of their batch positions.
 * It also hands out the page-locked frames callers fill themselves ({@link #frames()}). Used under its session's lock.
 */
final class EncodedImageDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EncodedImageDecoder.class);

    private final int device;
    private final int maxBatch;
    /** auto, hardware, gpu or cpu. */
    private final String jpegMode;
    /** nvJPEG decoder states a batch is split over. */
    private final int jpegLanes;
    /** Pinned buffers the CPU decoder writes encoded images into, one per batch position; and callers' frames. */
    private final PinnedFrames frames;
    /** Decodes a batch's JPEGs on the CPU in parallel, one thread per batch position up to the cores here. */
    private final ParallelBatch decodePool;
    /** nvJPEG, opened on the first encoded call unless {@link #jpegMode} is cpu; null when unavailable. */
    private NvJpegDecoder jpegDecoder;
    private boolean jpegDecoderTried;
    /** With {@code tensorrt.jpegCpuAssist}: how many JPEGs nvJPEG could take the CPU decodes meanwhile; else null. */
    private final DecodeShare share;
    /** The set of output buffers the last call decoded into. */
    private int generation;
    private long gpuDecodedImages;
    private long cpuDecodedImages;

    /**
     * @param device    the CUDA device
     * @param maxBatch  most images per call
     * @param jpegMode  auto, hardware, gpu or cpu
     * @param jpegLanes nvJPEG decoder states a batch is split over
     * @param cpuAssist whether the CPU decodes a share of the JPEGs nvJPEG could take, at the same time
     */
    EncodedImageDecoder(int device, int maxBatch, String jpegMode, int jpegLanes, boolean cpuAssist) {
        this.device = device;
        this.maxBatch = maxBatch;
        this.jpegMode = jpegMode;
        this.jpegLanes = jpegLanes;
        this.frames = new PinnedFrames(maxBatch);
        int threads = Math.min(maxBatch, Runtime.getRuntime().availableProcessors());
        this.decodePool = new ParallelBatch(threads, "decode", null,
                t -> new IllegalStateException(t instanceof InterruptedException ? "interrupted while decoding a batch"
                        : String.valueOf(t), t));
        this.share = cpuAssist ? new DecodeShare(threads) : null;
    }

    /**
     * Decodes encoded images for the next call: JPEGs the GPU decoder takes on the GPU (into device
     * buffers the letterbox reads directly), the rest on the CPU into the pinned buffers of their batch positions.
     * While an inference is in flight (most likely on the previous call's frames) this call decodes into the other of
     * two sets of buffers, so those frames stay intact; otherwise into the same set as the last call, so callers who
     * never overlap keep one set.
     *
     * @param data     the encoded images, at most the batch size (checked by the caller)
     * @param names    their names, for errors
     * @param inFlight whether a call submitted earlier is still in flight
     * @return one frame per image
     */
    List<Frame> decode(List<byte[]> data, List<String> names, boolean inFlight) {
        int n = data.size();
        if (inFlight) {
            generation = (generation + 1) % NvJpegDecoder.GENERATIONS;
        }
        int gen = generation;
        Frame[] out = new Frame[n];
        NvJpegDecoder gpu = jpegDecoder();
        boolean[] takes = new boolean[n];
        boolean[] toCpu = new boolean[n];
        long[] bytes = new long[n]; // the decode cost DecodeShare weighs: entropy decoding dominates, on the CPU and nvJPEG
        List<JpegHeader> all = new ArrayList<>(n);
        if (gpu != null) { // without nvJPEG, the CPU decoder checks each header itself
            for (int i = 0; i < n; i++) {
                all.add(Decoding.checkJpeg(data.get(i), names.get(i)));
            }
            takes = gpu.supports(data, all);
            if (share != null) {
                for (int i = 0; i < n; i++) {
                    bytes[i] = data.get(i).length;
                }
                toCpu = share.choose(bytes, takes);
            }
        }
        // the CPU's images (those nvJPEG does not take, and its share) start first and decode while nvJPEG does the rest
        List<Integer> onCpu = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!takes[i] || toCpu[i]) {
                onCpu.add(i);
            }
        }
        long[] cpuNanos = new long[n];
        ParallelBatch.Started<Frame> cpu = startOnCpu(onCpu, data, names, gen, cpuNanos);
        List<byte[]> onGpu = new ArrayList<>();
        List<JpegHeader> headers = new ArrayList<>();
        int[] positions = new int[n];
        long gpuBytes = 0;
        for (int i = 0; i < n; i++) {
            if (takes[i] && !toCpu[i]) {
                positions[onGpu.size()] = i;
                onGpu.add(data.get(i));
                headers.add(all.get(i));
                gpuBytes += bytes[i];
            }
        }
        CudaException gpuFailed = null;
        if (!onGpu.isEmpty()) {
            long t0 = System.nanoTime();
            try {
                List<DeviceImage> decoded = gpu.decode(onGpu, headers, Arrays.copyOf(positions, onGpu.size()), gen);
                for (int k = 0; k < decoded.size(); k++) {
                    out[positions[k]] = decoded.get(k);
                }
                gpuDecodedImages += decoded.size();
                if (share != null) {
                    share.recordGpu(gpuBytes, System.nanoTime() - t0);
                }
            } catch (CudaException e) { // a bitstream nvJPEG refused, or a missed deadline: the CPU decides
                gpuFailed = e;
            }
        }
        putAll(onCpu, cpu.join(), out); // every CPU task finished: none still writes into a pinned buffer
        if (share != null) {
            for (int i : onCpu) {
                if (toCpu[i]) {
                    share.recordCpu(bytes[i], cpuNanos[i]);
                }
            }
        }
        if (gpuFailed != null) {
            LOG.debug("nvJPEG failed on a batch of {} ({}); decoding it on the CPU", onGpu.size(), gpuFailed.getMessage());
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (out[i] == null) {
                    again.add(i);
                }
            }
            putAll(again, startOnCpu(again, data, names, gen, cpuNanos).join(), out);
        }
        return List.of(out);
    }

    /**
     * Starts the CPU decodes of images {@code at}, each into its pinned buffer, timing itself into {@code nanos}; a
     * batch's images decode at once, and a JPEG with restart markers in bands when there are more cores than images
     * (the cores shared out: {@link Decoding#bands()} divided by the images).
     */
    private ParallelBatch.Started<Frame> startOnCpu(List<Integer> at, List<byte[]> data, List<String> names, int gen,
                                                    long[] nanos) {
        List<java.util.concurrent.Callable<Frame>> work = new ArrayList<>(at.size());
        int bands = Math.max(1, Decoding.bands() / Math.max(1, at.size()));
        for (int i : at) {
            work.add(() -> {
                long t0 = System.nanoTime();
                Frame f = ImageDecoders.get().decode(data.get(i), names.get(i), frames.allocator(gen, i), bands);
                nanos[i] = System.nanoTime() - t0;
                return f;
            });
        }
        return decodePool.start(work);
    }

    /** Puts the CPU's {@code decoded.get(k)} at {@code out[at.get(k)]}, counting them. */
    private void putAll(List<Integer> at, List<Frame> decoded, Frame[] out) {
        for (int k = 0; k < at.size(); k++) {
            out[at.get(k)] = decoded.get(k);
        }
        cpuDecodedImages += at.size();
    }

    private NvJpegDecoder jpegDecoder() {
        if (jpegDecoder != null && jpegDecoder.broken()) {
            jpegDecoder.close();
            jpegDecoder = null;
        }
        if (jpegDecoderTried || jpegMode.equals("cpu")) {
            return jpegDecoder;
        }
        jpegDecoderTried = true;
        boolean hardware = !jpegMode.equals("gpu");
        try {
            jpegDecoder = NvJpegDecoder.open(device, hardware, maxBatch, jpegLanes);
            LOG.info("JPEGs decode on the GPU with nvJPEG ({}, tensorrt.jpegDecoder={}, {} lane(s)); the ones it does not take"
                    + " on the CPU", hardware ? "hardware JPEG engines" : "CUDA decoder", jpegMode, jpegDecoder.lanes());
        } catch (RuntimeException | LinkageError e) {
            String why = e instanceof LinkageError ? "libnvjpeg did not load: " + e.getMessage() : e.getMessage();
            if (jpegMode.equals("auto")) {
                LOG.info("JPEGs decode on the CPU: this GPU's hardware JPEG decoder is not usable ({})", why);
            } else {
                throw new TensorRtException("tensorrt.jpegDecoder=" + jpegMode + ": nvJPEG cannot be used (" + why + ")");
            }
        }
        return jpegDecoder;
    }

    /** @return the page-locked buffers: the CPU decoder's per batch position, and those kept for callers' frames */
    PinnedFrames frames() {
        return frames;
    }

    /** @return images decoded by nvJPEG and on the CPU so far */
    long[] decodedImages() {
        return new long[]{gpuDecodedImages, cpuDecodedImages};
    }

    @Override
    public void close() {
        if (jpegDecoder != null) {
            jpegDecoder.close();
            jpegDecoder = null;
        }
        decodePool.close();
        frames.close();
    }
}
