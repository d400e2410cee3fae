package dev.yolojava.core;

/** Base of every exception this SDK throws; unchecked, and its message names the bad input. */
public class YoloException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and which input or setting caused it */
    public YoloException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and which input or setting caused it
     * @param cause   the underlying failure
     */
    public YoloException(String message, Throwable cause) {
        super(message, cause);
    }
}
