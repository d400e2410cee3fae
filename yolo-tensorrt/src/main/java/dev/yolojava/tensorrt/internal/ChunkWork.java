package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.tensorrt.internal.CallKey.Source;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.util.List;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;

/**
 * The stream work of one chunk of a call on its execution slot, in order: uploads (frames as 8-bit pixels, or the
 * CPU-letterboxed input), the letterbox kernel, the engine with decode + NMS after it, and the download (the raw
 * output, the kept boxes, or nothing when the NMS kernel wrote them to the host). Enqueued plain, or while the slot's
 * stream is captured into a graph ({@link ExecutionSlot#runCall}); with {@code timed} it records the stage events
 * between the steps, the engine and the decode apart.
 */
final class ChunkWork implements ExecutionSlot.CallWork {
    private static final int H2D = 1;
    private static final int D2H = 2;

    /**
     * What every chunk of one call shares.
     *
     * @param group     the slot group the call runs on
     * @param frames    the call's frames, or null for a CPU-letterboxed input in {@code group.pinnedIn}
     * @param boxes     each frame's letterbox
     * @param sources   where each frame's pixels are (for GPU frames)
     * @param gpuFrames whether the letterbox kernel reads the frames (else the pinned input is uploaded)
     * @param post      whether decode + NMS run on the GPU after the engine
     * @param toHost    whether the NMS kernel writes the results into the group's page-locked memory (one execution)
     */
    record Call(SlotGroup group, List<? extends Frame> frames, List<Letterbox> boxes, Source[] sources, boolean gpuFrames,
                boolean post, boolean toHost) {
    }

    private final EngineIo io;
    private final LetterboxKernel kernel;
    private final StageEvents stageEvents;
    private final Call call;
    private final ExecutionSlot slot;
    private final int first;
    private final int count;
    private final long[] offsets;
    private final boolean timed;

    /**
     * @param first   the chunk's first image in the call
     * @param count   its images
     * @param offsets each image's offset in the slot's frame buffers (host frames)
     * @param timed   record the stage events
     */
    ChunkWork(EngineIo io, LetterboxKernel kernel, StageEvents stageEvents, Call call, ExecutionSlot slot, int first,
              int count, long[] offsets, boolean timed) {
        this.io = io;
        this.kernel = kernel;
        this.stageEvents = stageEvents;
        this.call = call;
        this.slot = slot;
        this.first = first;
        this.count = count;
        this.offsets = offsets;
        this.timed = timed;
    }

    @Override
    public void enqueue(boolean captured) {
        SlotGroup g = call.group();
        long inBytes = 4 * io.inputFloats();
        record(0);
        upload(g, inBytes);
        record(1);
        if (call.gpuFrames()) {
            for (int k = 0; k < count; k++) {
                int i = first + k;
                Frame f = call.frames().get(i);
                Pointer src = f instanceof DeviceImage d ? Cuda.at(d.address()) : slot.frames.at(offsets[k]);
                kernel.launch(src, f, call.boxes().get(i), slot.input.at(k * inBytes), slot.stream);
            }
        }
        record(2);
        int batch = io.executionBatch(count);
        if (timed && call.post()) { // timed: the engine and the decode apart, to see each
            slot.enqueue(batch, false, false);
            record(3);
            g.postprocess.launch(slot.index, slot.output.pointer(), batch, slot.stream,
                    g.resultsTarget(slot.index, call.toHost()));
        } else {
            if (captured) {
                slot.enqueueDirect(batch, call.post(), call.toHost());
            } else {
                slot.enqueue(batch, call.post(), call.toHost());
            }
            record(3);
        }
        record(4);
        download(g);
        record(5);
    }

    private void upload(SlotGroup g, long inBytes) {
        for (int k = 0; k < count; k++) {
            int i = first + k;
            if (!call.gpuFrames()) {
                Cuda.check(cudaMemcpyAsync(slot.input.at(k * inBytes), g.pinnedIn.at(i * inBytes), inBytes, H2D,
                        slot.stream), "cudaMemcpyAsync(input H2D, image " + i + ")");
            } else if (call.sources()[i] != Source.DEVICE) {
                Frame f = call.frames().get(i);
                Pointer from = call.sources()[i] == Source.PINNED ? new BytePointer(((RawImage) f).pixels())
                        : slot.frameStaging.at(offsets[k]);
                Cuda.check(cudaMemcpyAsync(slot.frames.at(offsets[k]), from, f.byteLength(), H2D, slot.stream),
                        "cudaMemcpyAsync(frame H2D, image " + i + ")");
            }
        }
    }

    private void download(SlotGroup g) {
        String images = "images " + first + ".." + (first + count - 1);
        if (!call.post()) {
            long outBytes = 4 * io.outputFloats();
            Cuda.check(cudaMemcpyAsync(g.pinnedOut.at(first * outBytes), slot.output.pointer(), count * outBytes, D2H,
                    slot.stream), "cudaMemcpyAsync(output D2H, " + images + ")");
        } else if (!call.toHost()) { // (toHost: the NMS kernel wrote the page-locked results itself)
            long resBytes = g.postprocess.resultBytes();
            Cuda.check(cudaMemcpyAsync(g.pinnedResults.at(first * resBytes), g.postprocess.results(slot.index),
                    count * resBytes, D2H, slot.stream), "cudaMemcpyAsync(NMS results D2H, " + images + ")");
        }
    }

    private void record(int event) {
        stageEvents.record(timed, event, slot.stream);
    }
}
