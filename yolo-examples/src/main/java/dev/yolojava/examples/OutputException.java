package dev.yolojava.examples;

/** An output the user asked for cannot be written; the message names it and says what to do. */
final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputException(String message, Throwable cause) {
        super(message, cause);
    }

    OutputException(String message) {
        super(message);
    }
}
