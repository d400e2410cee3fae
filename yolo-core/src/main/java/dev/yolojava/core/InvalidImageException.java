package dev.yolojava.core;

/** An image could not be decoded or its raw buffer does not match its declared geometry. */
public class InvalidImageException extends YoloException {
    private static final long serialVersionUID = 1L;

    /** @param message names the image and what is wrong with it */
    public InvalidImageException(String message) {
        super(message);
    }

    /**
     * @param message names the image and what is wrong with it
     * @param cause   the underlying failure
     */
    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
