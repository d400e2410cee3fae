package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.internal.decode.Candidates;
import dev.yolojava.core.internal.decode.OutputLayout;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.internal.preprocess.LetterboxPreprocessor;
import dev.yolojava.core.spi.DeviceDecodeSpec;
import dev.yolojava.core.spi.OutputTensor;
import dev.yolojava.tensorrt.internal.CallKey.Source;
import dev.yolojava.tensorrt.internal.TensorRtOptions;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.bytedeco.cuda.global.cudart.cudaSetDevice;

/**
 * A deserialized engine and its slot groups: the stream-ordered pipeline (frame upload → GPU
 * letterbox → enqueueV3 or graph replay → GPU decode + NMS → download into the group's pinned
 * buffers) behind {@link dev.yolojava.tensorrt.TensorRtBackend}. Static-batch engines run a batch
 * as several slots on their own streams concurrently; dynamic-batch engines as one enqueue.
 * Synchronous calls use group 0; pipelined calls alternate between two groups.
 */
public final class EngineSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    /** Slot groups when calls are pipelined: one computing, one being filled. */
    private static final int PIPELINE_DEPTH = 2;

    private final int device;
    private final ICudaEngine engine;
    /** The engine's input and output as this session runs them (names, shapes, batch per execution). */
    private final EngineIo io;
    /** The engine's optimization profiles, one claimed by each execution context of a dynamic-batch engine. */
    private final OptimizationProfiles profiles;
    private final int maxBatch;
    private final int slotsPerGroup;
    private final int imagesHeld;
    private final boolean cudaGraph;
    /** Whether a call's thread waits for the GPU asleep ({@code tensorrt.waitMode=block}) instead of spinning. */
    private final boolean blockingWait;
    /** Group 0 serves synchronous calls; pipelined calls alternate between the groups. */
    private final List<SlotGroup> groups = new ArrayList<>();
    private final GroupRotation rotation = new GroupRotation(PIPELINE_DEPTH);
    private final LetterboxKernel kernel;
    private final LetterboxPreprocessor cpuPreprocessor;
    private final Path engineFile;
    private final boolean fromCache;
    /** The engine's layers (IEngineInspector), or null where the inspector gave none. */
    private final EngineLayers layers;
    /** Times a call's GPU stages when stage timing is on. */
    private final StageEvents stageEvents;
    /** Encoded images to frames for the next call, and the page-locked frames callers fill. */
    private final EncodedImageDecoder imageDecoder;
    private DeviceDecodeSpec decodeSpec;
    /** The group whose output the last awaited call left, for {@link #deviceDetections}. */
    private volatile SlotGroup lastGroup;
    private volatile boolean lastDecodedOnDevice;
    private long deviceOverflows;
    private boolean stageTiming;
    private Map<String, Double> lastStages = Map.of();
    private boolean closed;

    EngineSession(int device, LoadedEngines.Loaded loaded, TensorRtOptions opts, Path engineFile,
                          boolean fromCache) {
        this.device = device;
        this.engine = loaded.engine();
        this.profiles = loaded.profiles();
        this.engineFile = engineFile;
        this.fromCache = fromCache;
        this.layers = loaded.layers();
        this.io = EngineIo.of(engine, engineFile, opts.maxBatch());
        this.maxBatch = opts.maxBatch();
        this.slotsPerGroup = io.dynamicBatch() ? 1 : Math.max(1, Math.min(opts.contexts(), io.executions(maxBatch)));
        this.imagesHeld = io.executions(maxBatch) * io.slotBatch();
        this.cudaGraph = opts.cudaGraph();
        this.blockingWait = opts.blockingWait();
        this.imageDecoder = new EncodedImageDecoder(device, maxBatch, opts.jpegDecoder(), opts.jpegLanes(), opts.jpegCpuAssist());
        groups.add(newGroup(0));
        this.cpuPreprocessor = new LetterboxPreprocessor((int) io.inputShape()[3], (int) io.inputShape()[2]);
        LetterboxKernel k = null;
        if (opts.gpuPreprocess()) {
            try {
                k = new LetterboxKernel();
            } catch (RuntimeException e) {
                LOG.warn("GPU letterbox unavailable ({}); preprocessing on the CPU", e.getMessage());
            }
        }
        this.kernel = k;
        StageEvents se = null;
        try {
            se = new StageEvents();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.stageEvents = se;
    }

    private SlotGroup newGroup(int index) {
        return new SlotGroup(index, engine, io.dynamicBatch() ? profiles : null, io.inputName(), io.outputName(),
                4 * io.inputFloats(), 4 * io.outputFloats(), io.slotBatch(), slotsPerGroup, imagesHeld,
                new ExecutionSlot.Settings(cudaGraph, blockingWait));
    }

    /**
     * A call in flight on one slot group: {@link #await()} waits for it and returns its output.
     * Frames and letterboxes are kept for a re-run without GPU decoding (candidate overflow).
     */
    public final class Pending {
        private final SlotGroup group;
        private final int n;
        private final List<? extends Frame> frames;
        private final List<Letterbox> boxes;
        private final boolean post;
        private final boolean timed;
        private final int chunks;
        private boolean done;

        private Pending(SlotGroup group, int n, List<? extends Frame> frames, List<Letterbox> boxes, boolean post, boolean timed,
                        int chunks) {
            this.group = group;
            this.n = n;
            this.frames = frames;
            this.boxes = boxes;
            this.post = post;
            this.timed = timed;
            this.chunks = chunks;
        }

        /**
         * Waits for the call; its output stays valid until its slot group runs again.
         *
         * @return the output for the call's images, in the group's pinned output
         */
        public OutputTensor await() {
            synchronized (EngineSession.this) {
                if (done) {
                    throw new IllegalStateException("this output was already awaited");
                }
                ensureOpen();
                done = true;
                rotation.awaited(group.index);
                return finish(this);
            }
        }
    }

    /**
     * Letterboxes and runs {@code frames} (on the GPU when the kernel loaded).
     *
     * @return the output for {@code frames.size()} images, in the pinned output buffer
     */
    public synchronized OutputTensor runFrames(List<? extends Frame> frames, List<Letterbox> boxes) {
        SlotGroup g = syncGroup();
        return finish(start(g, checkBatch(frames.size()), frames, boxes, true, stageTiming));
    }

    /**
     * Starts {@code frames} on the next slot group and returns without waiting: the caller stages
     * the next frames while these compute, then {@link Pending#await() awaits} them.
     *
     * @throws IllegalStateException when that group's previous call was not awaited yet
     */
    public synchronized Pending submitFrames(List<? extends Frame> frames, List<Letterbox> boxes) {
        int n = checkBatch(frames.size());
        while (groups.size() < PIPELINE_DEPTH) {
            SlotGroup g = newGroup(groups.size());
            groups.add(g);
            if (decodeSpec != null) {
                try {
                    g.decodeOnDevice(decodeSpec, io.outputShape(), imagesHeld);
                } catch (RuntimeException e) {
                    LOG.warn("GPU decode + NMS unavailable for slot group {} ({}); decoding on the CPU", g.index, e.getMessage());
                    disableDeviceDecoding();
                }
            }
            LOG.info("pipelining: slot group {} added ({} slot(s))", g.index, g.slots.size());
        }
        SlotGroup g = groups.get(rotation.claimForSubmit());
        Pending p = start(g, n, frames, boxes, true, false);
        rotation.submitted(g.index);
        return p;
    }

    /**
     * Decodes encoded images for the next call ({@link EncodedImageDecoder}: JPEGs on the GPU where it takes them,
     * the rest on the CPU into this session's pinned buffers).
     *
     * @param data  the encoded images, at most the batch size
     * @param names their names, for errors
     * @return one frame per image
     */
    public synchronized List<Frame> decodeImages(List<byte[]> data, List<String> names) {
        checkBatch(data.size());
        return imageDecoder.decode(data, names, rotation.anyPending());
    }

    /**
     * @param bytes the size
     * @return page-locked memory for a caller's frame, uploaded from where it is (no staging copy), kept until close
     */
    public synchronized ByteBuffer frameBuffer(int bytes) {
        return imageDecoder.frames().keep(bytes);
    }

    /** @return images decoded by nvJPEG and on the CPU so far, for diagnostics and tests */
    public synchronized long[] decodedImages() {
        return imageDecoder.decodedImages();
    }

    /** @return calls that can be in flight at once through {@link #submitFrames} */
    public int pipelineDepth() {
        return PIPELINE_DEPTH;
    }

    /**
     * Runs a CPU-preprocessed float tensor of {@code batch} images.
     *
     * @return the output, in the pinned output buffer
     */
    public synchronized OutputTensor runTensor(FloatBuffer input, int batch) {
        int n = checkBatch(batch);
        SlotGroup g = syncGroup();
        long need = n * io.inputFloats();
        if (input.remaining() < need) {
            throw ShapeMismatchException.of("input tensor", need + " floats", new long[]{input.remaining()});
        }
        FloatBuffer staging = g.pinnedIn.buffer().asFloatBuffer();
        staging.put(input.duplicate().limit((int) (input.position() + need)));
        return finish(start(g, n, null, null, true, stageTiming));
    }

    /** Group 0, for a synchronous call; it must not have a pipelined call in flight. */
    private SlotGroup syncGroup() {
        ensureOpen();
        return groups.get(rotation.claimForSync());
    }

    private int checkBatch(int n) {
        ensureOpen();
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("batch: expected 1.." + maxBatch + ", got " + n);
        }
        Cuda.check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
        return n;
    }

    private static long align(long bytes) {
        return (bytes + 255) & ~255L;
    }

    private Source source(Frame f) {
        if (f instanceof DeviceImage d) {
            if (d.device() != device) {
                throw new IllegalArgumentException("DeviceImage on CUDA device " + d.device() + ", the detector runs on device "
                        + device + " (tensorrt.device)");
            }
            return Source.DEVICE;
        }
        RawImage r = (RawImage) f;
        return r.pixels().isDirect() && imageDecoder.frames().owns(r.pixels(), r.byteLength()) ? Source.PINNED : Source.STAGED;
    }

    /**
     * Enqueues a call on {@code g}, per chunk of {@code slotBatch} images on the chunk's slot
     * stream: frames are staged (CPU letterbox into the group's pinned input when the GPU kernel is
     * off), uploaded, letterboxed, run, decoded (GPU decoding on and {@code decode}) and copied back
     * ({@link ChunkWork}).
     */
    private Pending start(SlotGroup g, int n, List<? extends Frame> frames, List<Letterbox> boxes, boolean decode,
                          boolean timed) {
        boolean post = decode && g.postprocess != null;
        boolean gpuFrames = frames != null && kernel != null;
        if (frames != null && kernel == null) {
            letterboxOnCpu(g, n, frames);
        }
        List<ExecutionSlot> slots = g.slots;
        Source[] sources = gpuFrames ? sourcesWithRoom(slots, n, frames) : new Source[n];
        int chunks = io.executions(n);
        // one execution: its results go straight to the host (the kernel writes page-locked memory), no copy node
        boolean toHost = post && chunks == 1 && g.resultsWrittenToHost();
        ChunkWork.Call call = new ChunkWork.Call(g, frames, boxes, sources, gpuFrames, post, toHost);
        long[] frameOffset = new long[slots.size()];
        for (int c = 0; c < chunks; c++) {
            ExecutionSlot slot = slots.get(c % slots.size());
            int first = c * io.slotBatch(), count = Math.min(io.slotBatch(), n - first);
            boolean time = timed && c == 0;
            long[] offsets = gpuFrames ? stageHostFrames(slot, frames, sources, first, count, frameOffset) : new long[count];
            setBatch(slot, count);
            // single-chunk calls (the latency path): one graph launch for the whole call once its
            // geometry repeats; multi-chunk batches already overlap over the slots (untimed calls only).
            // NV12 frames come from a video decoder's buffer pool, each call at another address: their keys
            // never settle, and 8 NVDEC streams sharing a GPU crashed inside cudaGraphLaunch, so they run plain
            Object key = time || chunks > 1 || decoderFrames(frames, first, count) ? null : CallKey.of(first, count, post,
                    gpuFrames, frames, boxes, offsets, sources, slot.frames == null ? 0L : slot.frames.pointer().address());
            slot.runCall(key, new ChunkWork(io, kernel, stageEvents, call, slot, first, count, offsets, time));
        }
        return new Pending(g, n, frames, boxes, post, timed, chunks);
    }

    /** Letterboxes {@code frames} on the CPU into the group's pinned input (the GPU letterbox kernel did not load). */
    private void letterboxOnCpu(SlotGroup g, int n, List<? extends Frame> frames) {
        FloatBuffer staging = g.pinnedIn.buffer().asFloatBuffer();
        for (int i = 0; i < n; i++) {
            if (!(frames.get(i) instanceof RawImage host)) {
                throw new IllegalStateException("the GPU letterbox kernel did not load, so frames in device memory"
                        + " (DeviceImage) cannot be preprocessed; pass RawImage frames");
            }
            cpuPreprocessor.process(host, staging, (int) (i * io.inputFloats()));
        }
    }

    /** @return where each frame's pixels are, after growing each slot's frame buffers to hold its chunks' host frames */
    private Source[] sourcesWithRoom(List<ExecutionSlot> slots, int n, List<? extends Frame> frames) {
        Source[] sources = new Source[n];
        long[] perSlot = new long[slots.size()];
        for (int i = 0; i < n; i++) {
            sources[i] = source(frames.get(i));
            if (sources[i] != Source.DEVICE) {
                perSlot[(i / io.slotBatch()) % slots.size()] += align(frames.get(i).byteLength());
            }
        }
        for (int s = 0; s < slots.size(); s++) {
            if (perSlot[s] > 0) {
                slots.get(s).ensureFrameCapacity(perSlot[s]);
            }
        }
        return sources;
    }

    /**
     * Places a chunk's host frames in its slot's frame buffers ({@code frameOffset}: the next free offset per slot) and
     * copies the caller-owned ones (heap or direct memory not the detector's) into the slot's pinned staging, on the CPU.
     *
     * @return each image's offset in the slot's frame buffers (0 for frames in device memory)
     */
    private static long[] stageHostFrames(ExecutionSlot slot, List<? extends Frame> frames, Source[] sources, int first,
                                          int count, long[] frameOffset) {
        long[] offsets = new long[count];
        List<ByteBuffer> staged = new ArrayList<>(count);
        long[] stagedBytes = new long[count], stagedAt = new long[count];
        for (int k = 0; k < count; k++) {
            Frame f = frames.get(first + k);
            if (sources[first + k] == Source.DEVICE) {
                continue;
            }
            long bytes = f.byteLength();
            offsets[k] = frameOffset[slot.index];
            frameOffset[slot.index] += align(bytes);
            if (sources[first + k] == Source.STAGED) {
                stagedBytes[staged.size()] = bytes;
                stagedAt[staged.size()] = offsets[k];
                staged.add(((RawImage) f).pixels());
            }
        }
        if (!staged.isEmpty()) { // none: all on the device or page-locked already
            StagingCopy.copy(staged, Arrays.copyOf(stagedBytes, staged.size()), Arrays.copyOf(stagedAt, staged.size()),
                    slot.frameStaging.buffer());
        }
        return offsets;
    }

    /** Gives a dynamic-batch engine's {@code slot} the batch of its next execution (a fixed batch needs nothing). */
    private void setBatch(ExecutionSlot slot, int count) {
        if (io.dynamicBatch()) {
            slot.setBatch(io.inputName(), count, (int) io.inputShape()[2], (int) io.inputShape()[3]);
        }
    }

    /** @return the CUDA device this session runs on */
    public int device() {
        return device;
    }

    /** @return whether a chunk holds NV12 device frames (a hardware video decoder's, from its buffer pool) */
    private static boolean decoderFrames(List<? extends Frame> frames, int first, int count) {
        for (int k = 0; frames != null && k < count; k++) {
            if (frames.get(first + k) instanceof DeviceImage d && !d.format().interleaved()) {
                return true;
            }
        }
        return false;
    }

    /** Waits for {@code p}; when an image overflowed the GPU decoder, runs the call again returning the raw output. */
    private OutputTensor finish(Pending p) {
        SlotGroup g = p.group;
        g.synchronize(p.chunks);
        if (p.timed) {
            lastStages = stageEvents.millis(p.frames != null && kernel != null, p.post);
        }
        if (p.post) {
            FloatBuffer results = g.pinnedResults.buffer().asFloatBuffer();
            for (int i = 0; i < p.n; i++) {
                int candidates = g.postprocess.candidates(results, i);
                if (candidates > DevicePostprocess.CAPACITY) {
                    deviceOverflows++;
                    LOG.debug("image {} has {} candidates, more than the GPU decoder holds ({}); decoding on the CPU",
                            i, candidates, DevicePostprocess.CAPACITY);
                    return finish(start(g, p.n, p.frames, p.boxes, false, p.timed));
                }
            }
        }
        lastGroup = g;
        lastDecodedOnDevice = p.post;
        long[] shape = io.outputShape().clone();
        shape[0] = p.n;
        FloatBuffer out = g.pinnedOut.buffer().asFloatBuffer();
        out.limit((int) (p.n * io.outputFloats()));
        return new OutputTensor(out, shape);
    }

    /**
     * Times the engine alone on device-resident buffers: each run enqueues {@code batch} images
     * (over the slots) and waits for them.
     *
     * @return milliseconds per run
     */
    public synchronized double[] timeEngine(int batch, int iterations) {
        int n = checkBatch(batch);
        List<ExecutionSlot> slots = syncGroup().slots;
        int chunks = io.executions(n);
        double[] out = new double[iterations];
        for (int it = -20; it < iterations; it++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < chunks; c++) {
                ExecutionSlot slot = slots.get(c % slots.size());
                int count = Math.min(io.slotBatch(), n - c * io.slotBatch());
                setBatch(slot, count);
                slot.enqueue(io.executionBatch(count), false, false);
            }
            groups.get(0).synchronize(chunks);
            if (it >= 0) {
                out[it] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return out;
    }

    /**
     * Moves decode + NMS onto the GPU for later calls, where the output is a YOLOv8/11 head.
     *
     * @return whether it did (false: the raw output keeps coming back)
     */
    public synchronized boolean enableDeviceDecoding(DeviceDecodeSpec spec) {
        ensureOpen();
        if (spec.layout() != OutputLayout.YOLOV8) {
            LOG.info("GPU decode + NMS handles the YOLOv8/11 layout, the model's is {}: decoding on the CPU", spec.layout());
            return false;
        }
        Cuda.check(cudaSetDevice(device), "cudaSetDevice(" + device + ")");
        try {
            for (SlotGroup g : groups) {
                g.decodeOnDevice(spec, io.outputShape(), imagesHeld);
            }
            decodeSpec = spec;
            return true;
        } catch (RuntimeException e) {
            LOG.warn("GPU decode + NMS unavailable ({}); decoding on the CPU", e.getMessage());
            disableDeviceDecoding();
            return false;
        }
    }

    private void disableDeviceDecoding() {
        decodeSpec = null;
        for (SlotGroup g : groups) {
            g.decodeOnDevice(null, io.outputShape(), imagesHeld);
        }
        lastDecodedOnDevice = false;
    }

    /**
     * Appends image {@code image}'s kept boxes of the last awaited call, when it was decoded on the GPU.
     *
     * @return false when that call returned the raw output instead
     */
    public boolean deviceDetections(int image, Candidates out) {
        SlotGroup g = lastGroup;
        if (!lastDecodedOnDevice || g == null) {
            return false;
        }
        return g.postprocess.read(g.pinnedResults.buffer().asFloatBuffer(), image, out);
    }

    /** @return calls that fell back to the raw output because an image overflowed the GPU decoder */
    public synchronized long deviceDecodeOverflows() {
        return deviceOverflows;
    }

    /** @param on time the stages of the first chunk of each call with CUDA events */
    public synchronized void setStageTiming(boolean on) {
        stageTiming = on;
        if (!on) {
            lastStages = Map.of();
        }
    }

    /** @return the last call's stage times in ms (empty when timing is off) */
    public synchronized Map<String, Double> lastStageMillis() {
        return lastStages;
    }

    /** @return the input tensor's name */
    public String inputName() {
        return io.inputName();
    }

    /** @return the output tensor's name */
    public String outputName() {
        return io.outputName();
    }

    /** @return the input shape, batch = images per slot */
    public long[] inputShape() {
        return io.inputShape().clone();
    }

    /** @return the output shape, batch = images per slot */
    public long[] outputShape() {
        return io.outputShape().clone();
    }

    /** @return execution slots (contexts with their own streams) per slot group */
    public int slots() {
        return slotsPerGroup;
    }

    /**
     * @return the engine's batch as a detector runs it: {@code "dynamic, up to N in one execution"} or
     *         {@code "fixed N"} (a larger batch runs as executions of N spread over {@link #slots()} contexts)
     */
    public String engineBatch() {
        return io.dynamicBatch() ? "dynamic, up to " + maxBatch + " in one execution" : "fixed " + io.slotBatch();
    }

    /** @return whether letterboxing runs on the GPU */
    public boolean gpuPreprocess() {
        return kernel != null;
    }

    /** @return the engine file */
    public Path engineFile() {
        return engineFile;
    }

    /** @return whether the engine was loaded rather than built */
    public boolean fromCache() {
        return fromCache;
    }

    /** @return the auxiliary streams the engine runs layers on beside the call's stream (0: one stream) */
    public int auxStreams() {
        return engine.getNbAuxStreams();
    }

    /** @return the engine's layers after fusion (IEngineInspector), or null where the inspector gave none */
    public EngineLayers layers() {
        return layers;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TensorRT engine session is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cudaSetDevice(device);
        } catch (RuntimeException e) {
            LOG.debug("cudaSetDevice on close failed: {}", e.toString());
        }
        for (SlotGroup g : groups) {
            g.close();
        }
        if (stageEvents != null) {
            stageEvents.close();
        }
        if (kernel != null) {
            kernel.close();
        }
        imageDecoder.close();
        // the engine and runtime stay in LoadedEngines for the next detector of this model
        LOG.debug("engine session {} closed", Arrays.toString(io.inputShape()));
    }
}
