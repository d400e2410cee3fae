package dev.yolojava.examples;

/** Exit statuses of the CLI. */
final class ExitCodes {
    /** success */
    static final int OK = 0;
    /** bad command line (picocli's own) */
    static final int USAGE = 2;
    /** an input image is missing or unreadable */
    static final int BAD_INPUT = 3;
    /** the model is missing, not ONNX, or of an unsupported shape */
    static final int BAD_MODEL = 4;
    /** no usable backend, or the backend failed */
    static final int BACKEND = 5;
    /** a comparison found a regression */
    static final int REGRESSION = 6;
    /** anything else (a bug: the stack trace is printed) */
    static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
