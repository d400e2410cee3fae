package dev.yolojava.core;

import java.util.Arrays;

/** A tensor's shape is not what the model or decoder needs; the message says "expected X, got Y". */
public class ShapeMismatchException extends YoloException {
    private static final long serialVersionUID = 1L;

    /** @param message "what: expected X, got Y" */
    public ShapeMismatchException(String message) {
        super(message);
    }

    /**
     * @param what     which tensor or input
     * @param expected the shape wanted, in words or numbers
     * @param actual   the shape found
     * @return the exception, for {@code throw}
     */
    public static ShapeMismatchException of(String what, String expected, long[] actual) {
        return new ShapeMismatchException(what + ": expected " + expected + ", got " + Arrays.toString(actual));
    }
}
