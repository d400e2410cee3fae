package dev.yolojava.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code yolo} command line: {@code detect}, {@code bench}, {@code compare}.
 * Run with {@code java -jar yolo-examples/target/yolo-examples-<version>.jar detect --model yolov8n.onnx dog.jpg}
 * (the jar finds its dependencies in the {@code lib/} folder beside it).
 */
@Command(name = "yolo", mixinStandardHelpOptions = true, version = "yolo-java 0.1.0",
        description = "YOLO object detection on ONNX Runtime (CPU) or TensorRT (NVIDIA GPU), with profiling.",
        subcommands = {DetectCommand.class, BenchCommand.class, CompareCommand.class}, footer = ExitCodes.HELP)
public final class YoloCli implements Runnable {

    /**
     * Runs the CLI; exits with the command's status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * @param args the command line
     * @return the exit status of running {@code args} (for tests: no System.exit)
     */
    public static int run(String... args) {
        return new CommandLine(new YoloCli())
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
