package dev.yolojava.tensorrt.internal;

import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT's logger routed to SLF4J ({@code dev.yolojava.tensorrt.TensorRT}): internal errors and
 * errors → ERROR, warnings → WARN, info → INFO (DEBUG for the chatty builder lines), verbose → TRACE.
 * Remembers the last error for exception messages. One instance for the process (TensorRT keeps
 * the pointer).
 */
public final class TrtLogger extends ILogger {
    private static final Logger LOG = LoggerFactory.getLogger("dev.yolojava.tensorrt.TensorRT");
    private static final TrtLogger INSTANCE = new TrtLogger();
    private volatile String lastError = "";

    private TrtLogger() {
    }

    /** @return the process-wide logger */
    public static TrtLogger get() {
        return INSTANCE;
    }

    /** @return the last error TensorRT logged, or "" */
    public String lastError() {
        return lastError;
    }

    @Override
    public void log(Severity severity, String msg) {
        Severity s = severity.intern();
        if (s == Severity.kINTERNAL_ERROR || s == Severity.kERROR) {
            lastError = msg;
            LOG.error(msg);
        } else if (s == Severity.kWARNING) {
            LOG.warn(msg);
        } else if (s == Severity.kINFO) {
            if (msg.startsWith("[MemUsageChange]") || msg.startsWith("Local timing cache") || msg.contains("tactic")) {
                LOG.debug(msg);
            } else {
                LOG.info(msg);
            }
        } else {
            LOG.trace(msg);
        }
    }
}
