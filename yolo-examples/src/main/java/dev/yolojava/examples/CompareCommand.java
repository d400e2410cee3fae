package dev.yolojava.examples;

import dev.yolojava.profiler.analysis.ProfileSummary;
import dev.yolojava.profiler.analysis.SummaryComparison;
import dev.yolojava.profiler.export.SummaryExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code yolo compare}: two profiler summaries → a regression report; exit 6 on regression. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two profile summaries (summary.json) and fail on regressions (exit 6): a range or kernel"
                + " slower beyond both thresholds, or a range of the baseline missing from the candidate.",
        footer = ExitCodes.HELP)
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "baseline summary.json (or its folder)")
    Path baseline;
    @Parameters(index = "1", paramLabel = "CURRENT", description = "candidate summary.json (or its folder)")
    Path current;
    @Option(names = "--threshold", defaultValue = "10", description = "allowed slow-down in percent (default ${DEFAULT-VALUE})")
    double threshold;
    @Option(names = "--min-us", defaultValue = "5", description = "ignore changes under this many us (default ${DEFAULT-VALUE})")
    double minUs;

    @Override
    public Integer call() throws IOException {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("--threshold: expected a percentage >= 0, got " + threshold);
        }
        if (!(minUs >= 0) || Double.isInfinite(minUs)) {
            throw new IllegalArgumentException("--min-us: expected microseconds >= 0, got " + minUs);
        }
        ProfileSummary base = load(baseline);
        if (base.ranges().isEmpty()) {
            throw new IllegalArgumentException("baseline " + baseline + " has no ranges: nothing to compare against"
                    + " (profile with ranges, e.g. yolo bench --profile-dir)");
        }
        SummaryComparison c = SummaryComparison.compare(base, load(current), threshold, minUs);
        System.out.print(c.report());
        return c.regressed() ? ExitCodes.REGRESSION : ExitCodes.OK;
    }

    private static ProfileSummary load(Path p) throws IOException {
        Path f = Files.isDirectory(p) ? p.resolve("summary.json") : p;
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f.toString(), null, "summary not found");
        }
        try {
            return SummaryExporter.read(f);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a profile summary: " + f + " (" + e.getMessage() + ")", e);
        }
    }
}
