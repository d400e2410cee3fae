package dev.yolojava.tensorrt;

import dev.yolojava.core.YoloException;

/** A TensorRT call failed; the message names the call and TensorRT's last error log line. */
public final class TensorRtException extends YoloException {
    private static final long serialVersionUID = 1L;

    /** @param message the call and TensorRT's explanation */
    public TensorRtException(String message) {
        super(message);
    }

    /**
     * @param message the call and TensorRT's explanation
     * @param cause   the underlying failure
     */
    public TensorRtException(String message, Throwable cause) {
        super(message, cause);
    }
}
