package dev.yolojava.examples;

/** Exit statuses of the CLI (listed in the README and in {@code yolo --help}). */
final class ExitCodes {
    /** success: every input was processed */
    static final int OK = 0;
    /** bad command line: an unknown or invalid option (picocli's own, and invalid option values) */
    static final int USAGE = 2;
    /** no input could be processed: every image is missing or unreadable */
    static final int BAD_INPUT = 3;
    /** the model is missing, not ONNX, or of an unsupported shape */
    static final int BAD_MODEL = 4;
    /** no usable backend, or the backend failed */
    static final int BACKEND = 5;
    /** a comparison found a regression */
    static final int REGRESSION = 6;
    /** an output (folder, report, JSON) cannot be written; checked before long work starts */
    static final int BAD_OUTPUT = 7;
    /** some inputs failed and the others were processed; the report names each failure */
    static final int PARTIAL = 8;
    /** anything else: a bug (the stack trace is printed, with a request to report it) */
    static final int INTERNAL = 70;

    /** The table printed under {@code yolo --help}. */
    static final String HELP = "Exit codes: 0 ok, 2 usage, 3 no input readable, 4 bad model, 5 backend failed,"
            + " 6 regression (compare), 7 output not writable, 8 some inputs failed, 70 internal error (a bug).";

    private ExitCodes() {
    }
}
