package dev.yolojava.profiler.internal.cupti;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_DRIVER;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_GRAPH_TRACE;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MARKER;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MEMCPY;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_MEMSET;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_OVERHEAD;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_RUNTIME;
import static org.bytedeco.cuda.global.cupti.CUPTI_ACTIVITY_KIND_SYNCHRONIZATION;

/**
 * The CUPTI activity kinds by the names {@code YOLO_PROFILING_CUPTI_KINDS} uses. Only compile-time
 * constants of the cupti preset, so parsing loads no native library.
 */
final class CuptiKinds {
    private static final Logger LOG = LoggerFactory.getLogger(CuptiKinds.class);
    /** The default: everything but graph-level tracing (which excludes per-kernel records). */
    static final int[] DEFAULT = {CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_MEMCPY,
            CUPTI_ACTIVITY_KIND_MEMSET, CUPTI_ACTIVITY_KIND_RUNTIME, CUPTI_ACTIVITY_KIND_SYNCHRONIZATION,
            CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION, CUPTI_ACTIVITY_KIND_MARKER, CUPTI_ACTIVITY_KIND_OVERHEAD,
            CUPTI_ACTIVITY_KIND_DRIVER};
    static final List<String> NAMES = List.of("kernel", "memcpy", "memset", "runtime", "sync", "correlation",
            "marker", "overhead", "driver", "graph");
    private static final int[] BY_NAME = {CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_MEMCPY,
            CUPTI_ACTIVITY_KIND_MEMSET, CUPTI_ACTIVITY_KIND_RUNTIME, CUPTI_ACTIVITY_KIND_SYNCHRONIZATION,
            CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION, CUPTI_ACTIVITY_KIND_MARKER, CUPTI_ACTIVITY_KIND_OVERHEAD,
            CUPTI_ACTIVITY_KIND_DRIVER, CUPTI_ACTIVITY_KIND_GRAPH_TRACE};

    private CuptiKinds() {
    }

    /**
     * @param spec comma-separated names (kernel, memcpy, memset, runtime, sync, correlation, marker,
     *             overhead, driver, graph), or null/blank for {@link #DEFAULT}. {@code graph} is CUPTI's
     *             graph-level tracing: one record per CUDA graph launch instead of one per kernel, far
     *             cheaper for graph-replayed engines; CUPTI refuses it together with kernel, so kernel wins.
     * @return the kinds; unknown names are logged and skipped
     */
    static int[] parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT.clone();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String want = part.trim().toLowerCase(Locale.ROOT);
            int i = NAMES.indexOf(want);
            if (i < 0) {
                LOG.warn("YOLO_PROFILING_CUPTI_KINDS: unknown kind '{}' ignored; known: {}", want, String.join(",", NAMES));
            } else if (!out.contains(BY_NAME[i])) {
                out.add(BY_NAME[i]);
            }
        }
        if (out.contains(CUPTI_ACTIVITY_KIND_GRAPH_TRACE) && out.contains(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL)) {
            LOG.warn("YOLO_PROFILING_CUPTI_KINDS: graph and kernel exclude each other in CUPTI; keeping kernel");
            out.remove(Integer.valueOf(CUPTI_ACTIVITY_KIND_GRAPH_TRACE));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
