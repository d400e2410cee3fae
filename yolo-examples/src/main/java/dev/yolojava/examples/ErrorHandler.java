package dev.yolojava.examples;

import dev.yolojava.core.BackendNotFoundException;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.YoloException;
import picocli.CommandLine;

/**
 * Turns user errors into one line on stderr and a documented exit status ({@link ExitCodes}); only bugs
 * print a stack trace, with a request to report them.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final String REPORT = "this is a bug in yolo-java: please report it with the command line and the"
            + " stack trace above";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        int code = exitCode(ex);
        if (code == ExitCodes.INTERNAL) {
            ex.printStackTrace(cmd.getErr());
            cmd.getErr().println("error: " + REPORT);
        } else {
            cmd.getErr().println("error: " + ex.getMessage());
        }
        return code;
    }

    static int exitCode(Exception ex) {
        if (ex instanceof OutputException) {
            return ExitCodes.BAD_OUTPUT;
        } else if (ex instanceof InvalidImageException || ex instanceof java.nio.file.NoSuchFileException) {
            return ExitCodes.BAD_INPUT;
        } else if (ex instanceof ModelLoadException || ex instanceof ShapeMismatchException) {
            return ExitCodes.BAD_MODEL;
        } else if (ex instanceof BackendNotFoundException || ex instanceof YoloException) {
            return ExitCodes.BACKEND;
        } else if (ex instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }
}
