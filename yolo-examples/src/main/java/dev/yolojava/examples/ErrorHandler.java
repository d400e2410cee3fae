package dev.yolojava.examples;

import dev.yolojava.core.BackendNotFoundException;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.YoloException;
import picocli.CommandLine;

/** Turns user errors into one line on stderr and an exit status; only bugs print a stack trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        int code;
        if (ex instanceof InvalidImageException || ex instanceof java.nio.file.NoSuchFileException) {
            code = ExitCodes.BAD_INPUT;
        } else if (ex instanceof ModelLoadException || ex instanceof ShapeMismatchException) {
            code = ExitCodes.BAD_MODEL;
        } else if (ex instanceof BackendNotFoundException || ex instanceof YoloException) {
            code = ExitCodes.BACKEND;
        } else if (ex instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
        } else {
            ex.printStackTrace(cmd.getErr());
            return ExitCodes.INTERNAL;
        }
        cmd.getErr().println("error: " + ex.getMessage());
        return code;
    }
}
