package dev.yolojava.tensorrt.internal;

import dev.yolojava.tensorrt.TensorRtException;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.cuda.global.cudart.cudaEventBlockingSync;
import static org.bytedeco.cuda.global.cudart.cudaEventCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaEventDestroy;
import static org.bytedeco.cuda.global.cudart.cudaEventDisableTiming;
import static org.bytedeco.cuda.global.cudart.cudaEventRecord;
import static org.bytedeco.cuda.global.cudart.cudaEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaGraphDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphExecDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphInstantiate;
import static org.bytedeco.cuda.global.cudart.cudaGraphLaunch;
import static org.bytedeco.cuda.global.cudart.cudaStreamBeginCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamEndCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

/**
 * One execution context with its own stream, device input/output tensors and frame staging
 * (pinned host + device), so several slots run concurrently. Owns everything it allocates.
 */
public final class ExecutionSlot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionSlot.class);
    private static final int NON_BLOCKING = 1;
    private static final int CAPTURE_THREAD_LOCAL = 1;

    final int index;
    final IExecutionContext context;
    final CUstream_st stream = new CUstream_st();
    final DeviceMemory input;
    final DeviceMemory output;
    final DeviceMemory contextMemory;
    final int batchCapacity;
    DeviceMemory frames;
    PinnedMemory frameStaging;
    private final boolean useGraph;
    private AfterEngine afterEngine;
    /**
     * Graphs kept per cache (a camera or two of a few frame sizes, or a few batch sizes, each keep theirs): the 7
     * sample images decoded into both sets of nvJPEG buffers are 14 whole-call keys; 8 churned until capturing turned
     * off.
     */
    static final int GRAPHS_KEPT = 16;
    /** The engine (with or without the {@link AfterEngine} work), by batch size. */
    private final GraphCache<CUgraphExec_st> engineGraphs;
    /** Whole calls (uploads, letterbox, engine, decode, download), by the call's geometry. */
    private final GraphCache<CUgraphExec_st> callGraphs;
    private boolean graphFailed;
    private boolean closed;
    private final OptimizationProfiles profiles;
    /** Whether {@link #synchronize()} sleeps on {@link #done} (a blocking-sync event) instead of CUDA's spinning. */
    private final boolean blockingWait;
    private final CUevent_st done = new CUevent_st();
    /** The optimization profile this slot's context claimed, or -1. */
    private final int profile;
    /** The input shape {@link #setBatch} sets, allocated once (a JavaCPP allocation takes a process-wide lock). */
    private final Dims64 shape = new Dims64();

    /**
     * @param profiles a dynamic-batch engine's optimization profiles, of which this slot's context claims one (null for
     *                 a fixed-batch engine)
     */
    ExecutionSlot(int index, ICudaEngine engine, OptimizationProfiles profiles, String inputName, String outputName,
                  long inputBytesPerImage, long outputBytesPerImage, int batchCapacity, Settings settings) {
        this.index = index;
        this.batchCapacity = batchCapacity;
        this.useGraph = settings.cudaGraph();
        this.engineGraphs = graphCache("engine");
        this.callGraphs = graphCache("whole-call");
        // user-managed activation memory: ours to free on close (JavaCPP cannot delete the context itself)
        IExecutionContext ctx = engine.createExecutionContext(
                org.bytedeco.tensorrt.global.nvinfer.ExecutionContextAllocationStrategy.kUSER_MANAGED);
        if (ctx == null) {
            throw new TensorRtException("ICudaEngine.createExecutionContext failed (slot " + index + "): "
                    + TrtLogger.get().lastError());
        }
        this.context = ctx;
        // what exists so far is released if a later step fails (out of device memory with many slots, a refused
        // profile): the slot is not constructed, so its close() never runs
        DeviceMemory scratchMemory = null;
        boolean streamMade = false;
        boolean eventMade = false;
        int claimed = -1;
        DeviceMemory in = null;
        DeviceMemory out = null;
        try {
            long scratch = Math.max(1, engine.getDeviceMemorySizeV2());
            scratchMemory = new DeviceMemory(scratch, "execution context memory, slot " + index);
            context.setDeviceMemoryV2(scratchMemory.pointer(), scratch);
            Cuda.check(cudaStreamCreateWithFlags(stream, NON_BLOCKING), "cudaStreamCreateWithFlags(slot " + index + ")");
            streamMade = true;
            if (settings.blockingWait()) {
                Cuda.check(cudaEventCreateWithFlags(done, cudaEventBlockingSync | cudaEventDisableTiming),
                        "cudaEventCreateWithFlags(slot " + index + ", blocking sync)");
                eventMade = true;
            }
            claimed = profiles == null ? -1 : profiles.claim();
            // a shared profile 0 is the context's own default: selected again it might be refused as in use elsewhere
            if (claimed >= 0 && !profiles.shared(claimed) && !context.setOptimizationProfileAsync(claimed, stream)) {
                throw new TensorRtException("IExecutionContext.setOptimizationProfileAsync(" + claimed + ") failed (slot "
                        + index + "): " + TrtLogger.get().lastError());
            }
            in = new DeviceMemory(inputBytesPerImage * batchCapacity, "input tensor, slot " + index);
            out = new DeviceMemory(outputBytesPerImage * batchCapacity, "output tensor, slot " + index);
            if (!context.setTensorAddress(inputName, in.pointer()) || !context.setTensorAddress(outputName, out.pointer())) {
                throw new TensorRtException("IExecutionContext.setTensorAddress failed: " + TrtLogger.get().lastError());
            }
        } catch (RuntimeException | Error e) {
            closeQuietly(out);
            closeQuietly(in);
            if (claimed >= 0) {
                profiles.release(claimed);
            }
            if (eventMade) {
                cudaEventDestroy(done);
            }
            if (streamMade) {
                cudaStreamDestroy(stream);
            }
            EngineBuilder.closeAll(context); // before the memory it runs in
            closeQuietly(scratchMemory);
            shape.close();
            throw e;
        }
        this.contextMemory = scratchMemory;
        this.blockingWait = settings.blockingWait();
        this.profiles = profiles;
        this.profile = claimed;
        this.input = in;
        this.output = out;
    }

    private static void closeQuietly(CudaAllocation a) {
        if (a != null) {
            a.close(); // logs, never throws
        }
    }

    /** Sets the batch of a dynamic-batch engine's input. */
    void setBatch(String inputName, int batch, int h, int w) {
        shape.nbDims(4);
        shape.d(0, batch).d(1, 3).d(2, h).d(3, w);
        if (!context.setInputShape(inputName, shape)) {
            throw new TensorRtException("IExecutionContext.setInputShape(" + inputName + ", batch " + batch + ") failed: "
                    + TrtLogger.get().lastError());
        }
    }

    /** Grows the frame staging buffers to at least {@code bytes}. */
    void ensureFrameCapacity(long bytes) {
        if (frames != null && frames.bytes() >= bytes) {
            return;
        }
        long size = Math.max(bytes, frames == null ? 4L << 20 : frames.bytes() * 2);
        if (frames != null) {
            synchronize();
            callGraphs.clear();
            frames.close();
            frameStaging.close();
        }
        frames = new DeviceMemory(size, "frame upload, slot " + index);
        frameStaging = new PinnedMemory(size, "frame staging, slot " + index);
    }

    /** Work enqueued after the engine on the slot's stream (the GPU decode + NMS), captured with it. */
    interface AfterEngine {
        /**
         * Enqueues the work for the first {@code batch} images of the slot's output.
         *
         * @param toHost write the results straight into the group's page-locked results (a single-execution call,
         *               nothing to copy back), else into the slot's device results
         */
        void launch(CUstream_st stream, int batch, boolean toHost);
    }

    /** Sets (or, with null, removes) the work that follows the engine; drops captured graphs. */
    void setAfterEngine(AfterEngine after) {
        this.afterEngine = after;
        destroyGraphs();
    }

    /**
     * Runs the engine on this slot's stream, followed by the {@link AfterEngine} work when
     * {@code withAfter}: plain the first time a batch size comes, captured as a graph the second,
     * replayed from then on.
     *
     * @param toHost the {@link AfterEngine} work writes its results into page-locked host memory
     */
    void enqueue(int batch, boolean withAfter, boolean toHost) {
        boolean after = withAfter && afterEngine != null;
        boolean host = after && toHost;
        Runnable work = () -> enqueueDirect(batch, after, host);
        engineGraphs.run(java.util.List.of(batch, after, host), work, work);
    }

    /** Enqueues the engine (and the {@link AfterEngine} work when {@code after}) without a graph. */
    void enqueueDirect(int batch, boolean after, boolean toHost) {
        if (!context.enqueueV3(stream)) {
            throw new TensorRtException("IExecutionContext.enqueueV3 failed (slot " + index + "): " + TrtLogger.get().lastError());
        }
        if (after && afterEngine != null) {
            afterEngine.launch(stream, batch, toHost);
        }
    }

    /** The stream work of one whole call on this slot (uploads, letterbox, engine, decode, download). */
    interface CallWork {
        /** @param captured whether it is being captured into a graph (then the engine is enqueued directly) */
        void enqueue(boolean captured);
    }

    /**
     * Enqueues one whole call: the second time the same {@code key} (the call's geometry and
     * buffers) comes, its work is captured into one CUDA graph, replayed from then on with a single
     * launch; null keys always run plain.
     */
    void runCall(Object key, CallWork work) {
        if (key == null) {
            work.enqueue(false);
        } else {
            callGraphs.run(key, () -> work.enqueue(false), () -> work.enqueue(true));
        }
    }

    private GraphCache<CUgraphExec_st> graphCache(String what) {
        return new GraphCache<>("slot " + index + ": " + what, GRAPHS_KEPT, () -> useGraph && !graphFailed,
                work -> capture(work, what), this::launch, g -> cudaGraphExecDestroy(g));
    }

    private void launch(CUgraphExec_st g) {
        Cuda.check(cudaGraphLaunch(g, stream), "cudaGraphLaunch(slot " + index + ")");
    }

    /** @return the instantiated graph of what {@code enqueue} puts on the stream, or null (graphs off from then on) */
    private CUgraphExec_st capture(Runnable enqueue, String what) {
        CUgraph_st g = new CUgraph_st();
        try {
            Cuda.check(cudaStreamBeginCapture(stream, CAPTURE_THREAD_LOCAL), "cudaStreamBeginCapture");
            RuntimeException failure = null;
            try {
                enqueue.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            Cuda.check(cudaStreamEndCapture(stream, g), "cudaStreamEndCapture");
            if (failure != null) {
                throw failure;
            }
            CUgraphExec_st exec = new CUgraphExec_st();
            Cuda.check(cudaGraphInstantiate(exec, g, 0L), "cudaGraphInstantiate");
            LOG.debug("slot {}: CUDA graph captured for {}", index, what);
            return exec;
        } catch (RuntimeException e) {
            graphFailed = true;
            LOG.warn("CUDA graph capture failed on slot {} ({}); using plain enqueues", index, e.getMessage());
            return null;
        } finally {
            if (!g.isNull()) {
                cudaGraphDestroy(g);
            }
        }
    }

    /** Waits for the work enqueued on this slot's stream: asleep on a blocking-sync event, or as CUDA waits (spinning). */
    void synchronize() {
        if (blockingWait) {
            Cuda.check(cudaEventRecord(done, stream), "cudaEventRecord(slot " + index + ")");
            Cuda.check(cudaEventSynchronize(done), "cudaEventSynchronize(slot " + index + ")");
        } else {
            Cuda.check(cudaStreamSynchronize(stream), "cudaStreamSynchronize(slot " + index + ")");
        }
    }

    /**
     * How a slot runs its calls.
     *
     * @param cudaGraph    capture and replay CUDA graphs
     * @param blockingWait wait for the GPU asleep on a blocking-sync event instead of spinning
     */
    record Settings(boolean cudaGraph, boolean blockingWait) {
    }

    private void destroyGraphs() {
        engineGraphs.clear();
        callGraphs.clear();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cudaStreamSynchronize(stream);
        } catch (RuntimeException e) {
            LOG.debug("sync before close failed: {}", e.toString());
        }
        destroyGraphs();
        EngineBuilder.closeAll(context);
        contextMemory.close();
        input.close();
        output.close();
        if (frames != null) {
            frames.close();
            frameStaging.close();
        }
        cudaStreamDestroy(stream);
        if (blockingWait) {
            cudaEventDestroy(done);
        }
        if (profiles != null) {
            profiles.release(profile);
        }
        shape.close();
    }
}
