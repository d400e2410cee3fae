package dev.yolojava.tensorrt;

import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cupti.CUpti_BuffersCallbackCompleteFunc;
import org.bytedeco.javacpp.BytePointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_DRIVER;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MARKER;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MEMCPY;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MEMSET;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_OVERHEAD;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_RUNTIME;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_SYNCHRONIZATION;
import static org.bytedeco.cuda.global.cupti.cuptiActivityDisable;
import static org.bytedeco.cuda.global.cupti.cuptiActivityEnable;
import static org.bytedeco.cuda.global.cupti.cuptiActivityFlushAll;
import static org.bytedeco.cuda.global.cupti.cuptiActivityRegisterCallbacks;

/**
 * A diagnostic for the GPU machine (not a test): what CUPTI's activity collection costs by itself, apart from
 * the profiler's handling of the records. A TensorRT detector runs batch-1 detections from a decoded frame with
 * CUPTI off, with kernel records only, with kernel and runtime-API records, and with the profiler's nine
 * kinds; CUPTI's completed buffers are handed back unread (only their bytes counted). Modes rotate each round.
 * {@code java -cp ... dev.yolojava.tensorrt.CuptiCostProbe MODEL IMAGE CALLS ROUNDS [LEVEL [BATCH]]} (LEVEL: the
 * engine's optimization level, default 4; BATCH: images per call, the frame repeated, default 1); prints one line per
 * mode
 * and round and the median loss against the same round's "off".
 */
public final class CuptiCostProbe {
    private static final long BUFFER = 4 << 20;
    private static final CuptiProbeBuffers REQUEST = new CuptiProbeBuffers(BUFFER); // CUPTI keeps the callbacks
    private static final Complete COMPLETE = new Complete();
    private static final AtomicLong BYTES = new AtomicLong();

    private CuptiCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        RawImage frame = RawImage.decode(Files.readAllBytes(Path.of(args[1])), args[1]);
        int calls = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Map<String, int[]> modes = new LinkedHashMap<>();
        modes.put("off", new int[0]);
        modes.put("kernel", new int[]{CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL});
        modes.put("kernel+runtime", new int[]{CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_RUNTIME});
        modes.put("nine-kinds", new int[]{CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_MEMCPY,
            CUPTI_ACTIVITY_KIND_MEMSET, CUPTI_ACTIVITY_KIND_RUNTIME, CUPTI_ACTIVITY_KIND_SYNCHRONIZATION,
            CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION, CUPTI_ACTIVITY_KIND_MARKER, CUPTI_ACTIVITY_KIND_OVERHEAD,
            CUPTI_ACTIVITY_KIND_DRIVER});
        String level = args.length > 4 ? args[4] : "4";
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        List<RawImage> frames = java.util.Collections.nCopies(batch, frame);
        try (YoloDetector det = YoloDetector.builder().model(model).backend("tensorrt").batchSize(batch)
                .option("tensorrt.optimizationLevel", level).build()) {
            for (int i = 0; i < 300; i++) {
                det.detectBatch(frames);
            }
            System.out.println("probe cupti-cost: batch " + batch);
            System.out.println("probe cupti-cost: register callbacks rc=" + cuptiActivityRegisterCallbacks(REQUEST, COMPLETE));
            List<String> names = new ArrayList<>(modes.keySet());
            Map<String, List<Double>> loss = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                Map<String, Double> rate = new LinkedHashMap<>();
                for (int m = 0; m < names.size(); m++) {
                    String name = names.get((m + r) % names.size());
                    int[] kinds = modes.get(name);
                    for (int k : kinds) {
                        check(cuptiActivityEnable(k), "cuptiActivityEnable(" + k + ")");
                    }
                    long before = BYTES.get();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        det.detectBatch(frames);
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    for (int k : kinds) {
                        check(cuptiActivityDisable(k), "cuptiActivityDisable(" + k + ")");
                    }
                    check(cuptiActivityFlushAll(1), "cuptiActivityFlushAll");
                    rate.put(name, calls / s);
                    System.out.printf("probe cupti-cost round %d %-15s %8.1f calls/s, %.1f KB of records per call%n", r, name,
                            calls / s, (BYTES.get() - before) / 1024.0 / calls);
                }
                for (String n : names) {
                    loss.computeIfAbsent(n, x -> new ArrayList<>()).add(100 * (1 - rate.get(n) / rate.get("off")));
                }
            }
            loss.forEach((n, l) -> {
                double[] v = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("probe cupti-cost %-15s loss vs off: median %.1f%% [%.1f, %.1f] over %d rounds%n", n,
                        v[v.length / 2], v[0], v[v.length - 1], v.length);
            });
        }
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed: CUPTI error " + rc);
        }
    }

    private static final class Complete extends CUpti_BuffersCallbackCompleteFunc {
        @Override
        public void call(CUctx_st ctx, int streamId, BytePointer buffer, long size, long validSize) {
            BYTES.addAndGet(validSize);
            REQUEST.release(buffer);
        }
    }
}
