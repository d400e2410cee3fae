package dev.yolojava.core;

/** No inference backend is usable, or the one asked for is not on the class path. */
public class BackendNotFoundException extends YoloException {
    private static final long serialVersionUID = 1L;

    /** @param message says which backend was wanted and which dependency to add */
    public BackendNotFoundException(String message) {
        super(message);
    }
}
