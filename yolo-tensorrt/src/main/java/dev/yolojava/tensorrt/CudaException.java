package dev.yolojava.tensorrt;

import dev.yolojava.core.YoloException;

/** A CUDA runtime or driver call failed; the message names the call, the code and CUDA's text. */
public final class CudaException extends YoloException {
    private static final long serialVersionUID = 1L;
    /** The CUDA call that failed, with its arguments where they help. */
    private final String call;
    /** The status code it returned. */
    private final int code;

    /**
     * @param call    the function that failed, e.g. {@code cudaMalloc(input, 4915200 bytes)}
     * @param code    CUDA's status code
     * @param message CUDA's error string
     */
    public CudaException(String call, int code, String message) {
        super(call + " failed: " + message + " (CUDA error " + code + ")");
        this.call = call;
        this.code = code;
    }

    /** @return the failing call */
    public String call() {
        return call;
    }

    /** @return CUDA's status code */
    public int code() {
        return code;
    }
}
