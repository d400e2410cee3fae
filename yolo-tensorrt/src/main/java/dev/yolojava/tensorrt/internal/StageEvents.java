package dev.yolojava.tensorrt.internal;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.cuda.global.cudart.cudaEventCreate;
import static org.bytedeco.cuda.global.cudart.cudaEventDestroy;
import static org.bytedeco.cuda.global.cudart.cudaEventElapsedTime;
import static org.bytedeco.cuda.global.cudart.cudaEventRecord;

/**
 * The CUDA events that time one call's GPU stages when stage timing is on ({@code Diagnostics.stageTiming}): recorded
 * on the stream between the stages of a call's first chunk, read once the call is done. Owns its events.
 */
final class StageEvents implements AutoCloseable {
    /** The stages, between events i and i + 1. */
    private static final String[] STAGES = {"h2d", "preprocess_gpu", "engine", "postprocess_gpu", "d2h"};
    private final CUevent_st[] events = new CUevent_st[STAGES.length + 1];
    private boolean closed;

    /** Creates the events in the current context. */
    StageEvents() {
        try {
            for (int i = 0; i < events.length; i++) {
                events[i] = new CUevent_st();
                Cuda.check(cudaEventCreate(events[i]), "cudaEventCreate");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Records event {@code event} (0: before the uploads ... 5: after the downloads) on {@code stream} when {@code on}.
     */
    void record(boolean on, int event, CUstream_st stream) {
        if (on) {
            Cuda.check(cudaEventRecord(events[event], stream), "cudaEventRecord");
        }
    }

    /**
     * @param gpuLetterbox whether the letterbox ran on the GPU (else that stage is left out)
     * @param gpuDecode    whether decode + NMS ran on the GPU (else that stage is left out)
     * @return milliseconds per stage, in the order they ran
     */
    Map<String, Double> millis(boolean gpuLetterbox, boolean gpuDecode) {
        float[] ms = new float[1];
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < STAGES.length; i++) {
            if (i == 1 && !gpuLetterbox || i == 3 && !gpuDecode) {
                continue;
            }
            Cuda.check(cudaEventElapsedTime(ms, events[i], events[i + 1]), "cudaEventElapsedTime");
            m.put(STAGES[i], (double) ms[0]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CUevent_st e : events) {
            if (e != null && !e.isNull()) {
                cudaEventDestroy(e);
            }
        }
    }
}
