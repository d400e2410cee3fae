package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.spi.DeviceDecodeSpec;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * One set of execution slots with the pinned host buffers a call stages into and reads from, and
 * (when decoding on the GPU) its decode + NMS scratch. A session has one group, or two when calls
 * are pipelined: frame N+1 is staged and uploaded into one group while the other still computes
 * frame N. Owns everything it allocates.
 */
final class SlotGroup implements AutoCloseable {
    final int index;
    final List<ExecutionSlot> slots = new ArrayList<>();
    final PinnedMemory pinnedIn;
    final PinnedMemory pinnedOut;
    DevicePostprocess postprocess;
    PinnedMemory pinnedResults;
    /** {@link #pinnedResults}' device address, where the NMS kernel writes a single-execution call's results; 0: copy */
    private long resultsDeviceAddress;
    private boolean closed;

    /**
     * @param index        the group's number (0 = the synchronous path)
     * @param profiles     a dynamic-batch engine's optimization profiles (each slot claims one), else null
     * @param slots        execution slots (contexts with their own streams)
     * @param slotBatch    images per slot
     * @param imagesHeld   images the pinned buffers hold (the largest batch, rounded up to whole slots)
     */
    SlotGroup(int index, ICudaEngine engine, OptimizationProfiles profiles, String inputName, String outputName,
              long inputBytesPerImage, long outputBytesPerImage, int slotBatch, int slots, int imagesHeld,
              ExecutionSlot.Settings settings) {
        this.index = index;
        PinnedMemory in = null;
        try {
            for (int i = 0; i < slots; i++) {
                this.slots.add(new ExecutionSlot(i, engine, profiles, inputName, outputName, inputBytesPerImage,
                        outputBytesPerImage, slotBatch, settings));
            }
            in = new PinnedMemory(inputBytesPerImage * imagesHeld, "input staging, group " + index);
            this.pinnedOut = new PinnedMemory(outputBytesPerImage * imagesHeld, "output, group " + index);
        } catch (RuntimeException e) { // free what was allocated before the failure
            this.slots.forEach(ExecutionSlot::close);
            if (in != null) {
                in.close();
            }
            throw e;
        }
        this.pinnedIn = in;
    }

    /**
     * Moves decode + NMS of this group's slots onto the GPU ({@code spec} null: back to the CPU).
     *
     * @param outputShape the engine output per slot
     * @param imagesHeld  images the results buffer holds
     */
    void decodeOnDevice(DeviceDecodeSpec spec, long[] outputShape, int imagesHeld) {
        DevicePostprocess p = null;
        PinnedMemory results = null;
        if (spec != null) {
            try {
                p = new DevicePostprocess(spec, outputShape, slots.size());
                results = new PinnedMemory(p.resultBytes() * imagesHeld, "NMS results, group " + index);
            } catch (RuntimeException e) {
                if (p != null) {
                    p.close();
                }
                throw e;
            }
        }
        for (ExecutionSlot slot : slots) {
            slot.setAfterEngine(null);
        }
        freePostprocess();
        postprocess = p;
        pinnedResults = results;
        resultsDeviceAddress = results == null ? 0L : results.deviceAddress();
        if (p != null) {
            DevicePostprocess post = p;
            for (ExecutionSlot slot : slots) {
                slot.setAfterEngine((stream, batch, toHost) -> post.launch(slot.index, slot.output.pointer(), batch, stream,
                        resultsTarget(slot.index, toHost)));
            }
        }
    }

    /**
     * @return whether the NMS kernel can write a call's results straight into {@link #pinnedResults} (page-locked
     *         memory the device addresses), so that no copy follows it
     */
    boolean resultsWrittenToHost() {
        return resultsDeviceAddress != 0L;
    }

    /**
     * @param toHost a call run as one execution, when {@link #resultsWrittenToHost()}
     * @return where the NMS kernel of {@code slot} writes: {@link #pinnedResults} itself, or the slot's device results
     *         (copied back after it)
     */
    org.bytedeco.javacpp.Pointer resultsTarget(int slot, boolean toHost) {
        return toHost && resultsWrittenToHost() ? Cuda.at(resultsDeviceAddress) : postprocess.results(slot);
    }

    private void freePostprocess() {
        if (postprocess != null) {
            postprocess.close();
            pinnedResults.close();
            postprocess = null;
            pinnedResults = null;
            resultsDeviceAddress = 0L;
        }
    }

    /** Waits for the first {@code used} slots. */
    void synchronize(int used) {
        for (int s = 0; s < Math.min(used, slots.size()); s++) {
            slots.get(s).synchronize();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ExecutionSlot s : slots) {
            s.close();
        }
        freePostprocess();
        pinnedIn.close();
        pinnedOut.close();
    }
}
