package dev.yolojava.profiler.internal.nvtx;

import dev.yolojava.profiler.spi.RangeMarker;
import org.bytedeco.cuda.nvToolsExt.nvtxEventAttributes_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.cuda.global.nvToolsExt.NVTX_COLOR_ARGB;
import static org.bytedeco.cuda.global.nvToolsExt.NVTX_EVENT_ATTRIB_STRUCT_SIZE;
import static org.bytedeco.cuda.global.nvToolsExt.NVTX_MESSAGE_TYPE_ASCII;
import static org.bytedeco.cuda.global.nvToolsExt.NVTX_VERSION;
import static org.bytedeco.cuda.global.nvToolsExt.nvtxMarkA;
import static org.bytedeco.cuda.global.nvToolsExt.nvtxRangePushEx;
import static org.bytedeco.cuda.global.nvToolsExt.nvtxRangePop;
import static org.bytedeco.cuda.global.nvToolsExt.nvtxRangePushA;

/**
 * NVTX push/pop ranges through the cuda preset's {@code nvToolsExt} (libnvToolsExt.so.1), so ranges
 * show in Nsight Systems and CUPTI's marker records. Range names are encoded once and cached.
 * Any native failure turns it off with one log line.
 */
public final class NvtxRangeMarker implements RangeMarker {
    private static final Logger LOG = LoggerFactory.getLogger(NvtxRangeMarker.class);
    private static final int MAX_CACHED_NAMES = 4096;
    private final ConcurrentHashMap<String, BytePointer> names = new ConcurrentHashMap<>();
    /**
     * The attributes of a colored range, one per thread and refilled per push ({@code nvtxRangePushEx} reads them
     * during the call): a JavaCPP allocation per range takes a process-wide lock that launching threads queue on.
     */
    private final ThreadLocal<nvtxEventAttributes_t> attributes = ThreadLocal.withInitial(() -> new nvtxEventAttributes_t()
            .version((short) NVTX_VERSION).size((short) NVTX_EVENT_ATTRIB_STRUCT_SIZE())
            .colorType(NVTX_COLOR_ARGB).messageType(NVTX_MESSAGE_TYPE_ASCII));
    private volatile boolean broken;

    @Override
    public String name() {
        return "nvtx";
    }

    @Override
    public String unavailableReason() {
        try {
            Loader.load(org.bytedeco.cuda.global.nvToolsExt.class);
            return null;
        } catch (Throwable t) {
            return "NVTX library (libnvToolsExt.so.1) not loadable: " + t.getMessage();
        }
    }

    private BytePointer encode(String name) {
        BytePointer p = names.get(name);
        if (p == null) {
            p = new BytePointer(name);
            if (names.size() < MAX_CACHED_NAMES) {
                BytePointer prev = names.putIfAbsent(name, p);
                if (prev != null) {
                    p.close();
                    p = prev;
                }
            }
        }
        return p;
    }

    @Override
    public void push(String name) {
        if (broken) {
            return;
        }
        try {
            nvtxRangePushA(encode(name));
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void push(String name, int rgb) {
        if (broken) {
            return;
        }
        try {
            nvtxRangePushEx(attributes.get().color(0xff000000 | rgb).message_ascii(encode(name)));
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void pop() {
        if (broken) {
            return;
        }
        try {
            nvtxRangePop();
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void mark(String name) {
        if (broken) {
            return;
        }
        try {
            nvtxMarkA(encode(name));
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void fail(Throwable t) {
        broken = true;
        LOG.warn("NVTX call failed ({}); ranges continue Java-only", t.toString());
    }
}
