package dev.yolojava.tensorrt;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cupti.CUpti_Activity;
import org.bytedeco.cuda.cupti.CUpti_BuffersCallbackCompleteFunc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.cuda.global.cudart.cudaGraphInstantiate;
import static org.bytedeco.cuda.global.cudart.cudaGraphLaunch;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamBeginCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamCaptureModeGlobal;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamEndCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_GRAPH_TRACE;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MEMSET;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_RUNTIME;
import static org.bytedeco.cuda.global.cupti.cuptiActivityEnable;
import static org.bytedeco.cuda.global.cupti.cuptiActivityFlushAll;
import static org.bytedeco.cuda.global.cupti.cuptiActivityGetNextRecord;
import static org.bytedeco.cuda.global.cupti.cuptiActivityRegisterCallbacks;

/**
 * The smallest reproduction of the CUPTI graph-level tracing crash (docs/evidence/cupti-graph-trace-crash.txt):
 * a CUDA graph of memset nodes captured on a stream, launched 20 times, with {@code CUPTI_ACTIVITY_KIND_GRAPH_TRACE}
 * enabled in one of several ways. Run one JVM per mode, since a crash takes the process:
 * {@code java -cp ... dev.yolojava.tensorrt.CuptiGraphTraceProbe MODE} with MODE one of
 * <ul>
 *   <li>{@code before}: graph tracing alone, enabled before the graph is captured and instantiated</li>
 *   <li>{@code after}: graph tracing alone, enabled after instantiation (how the profiler met it)</li>
 *   <li>{@code with-kernels}: with the concurrent-kernel and memset kinds too (CUPTI documents the two as
 *       exclusive; does it refuse, or crash?)</li>
 *   <li>{@code with-runtime}: with runtime-API and external-correlation records, after instantiation</li>
 * </ul>
 * Prints each enable's status and the records seen per kind.
 */
public final class CuptiGraphTraceProbe {
    private static final long BUFFER = 8 << 20;
    private static final Map<Integer, Integer> KINDS = new ConcurrentHashMap<>();
    /** CUPTI keeps the callbacks: keep them reachable. */
    private static final CuptiProbeBuffers REQUEST = new CuptiProbeBuffers(BUFFER);
    private static final Complete COMPLETE = new Complete();

    private CuptiGraphTraceProbe() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "after";
        System.out.println("probe mode " + mode + ": register callbacks rc=" + cuptiActivityRegisterCallbacks(REQUEST, COMPLETE));
        check(cudaSetDevice(0), "cudaSetDevice");
        Pointer buf = new Pointer();
        check(cudaMalloc(buf, 1 << 20), "cudaMalloc");
        CUstream_st stream = new CUstream_st();
        check(cudaStreamCreate(stream), "cudaStreamCreate");
        if (mode.equals("before")) {
            enable(mode);
        }
        check(cudaStreamBeginCapture(stream, cudaStreamCaptureModeGlobal), "cudaStreamBeginCapture");
        for (int i = 0; i < 8; i++) {
            check(cudaMemsetAsync(buf, i, 1 << 20, stream), "cudaMemsetAsync");
        }
        CUgraph_st graph = new CUgraph_st();
        check(cudaStreamEndCapture(stream, graph), "cudaStreamEndCapture");
        CUgraphExec_st exec = new CUgraphExec_st();
        check(cudaGraphInstantiate(exec, graph, 0L), "cudaGraphInstantiate");
        if (!mode.equals("before")) {
            enable(mode);
        }
        for (int i = 0; i < 20; i++) {
            check(cudaGraphLaunch(exec, stream), "cudaGraphLaunch " + i);
            check(cudaStreamSynchronize(stream), "cudaStreamSynchronize " + i);
        }
        System.out.println("probe mode " + mode + ": flush rc=" + cuptiActivityFlushAll(1));
        System.out.println("probe mode " + mode + ": records per kind " + new TreeMap<>(KINDS) + " (graph trace is kind "
                + CUPTI_ACTIVITY_KIND_GRAPH_TRACE + ", memset " + CUPTI_ACTIVITY_KIND_MEMSET + ")");
    }

    private static void enable(String mode) {
        int[] kinds = switch (mode) {
            case "with-kernels" -> new int[]{CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_MEMSET,
                CUPTI_ACTIVITY_KIND_GRAPH_TRACE};
            case "with-runtime" -> new int[]{CUPTI_ACTIVITY_KIND_RUNTIME, CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION,
                CUPTI_ACTIVITY_KIND_GRAPH_TRACE};
            default -> new int[]{CUPTI_ACTIVITY_KIND_GRAPH_TRACE};
        };
        for (int k : kinds) {
            System.out.println("probe mode " + mode + ": cuptiActivityEnable(" + k + ") rc=" + cuptiActivityEnable(k));
        }
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed: CUDA error " + rc);
        }
    }

    private static final class Complete extends CUpti_BuffersCallbackCompleteFunc {
        @Override
        public void call(CUctx_st ctx, int streamId, BytePointer buffer, long size, long validSize) {
            try (PointerPointer<CUpti_Activity> rec = new PointerPointer<>(1)) {
                rec.put(0, null);
                while (validSize > 0 && cuptiActivityGetNextRecord(buffer, validSize, rec) == 0) {
                    KINDS.merge(new CUpti_Activity(rec.get(0)).kind(), 1, Integer::sum);
                }
            }
            REQUEST.release(buffer);
        }
    }
}
