package dev.yolojava.profiler.export;

import dev.yolojava.profiler.model.DeviceSample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yolojava.profiler.analysis.ProfileAnalyzer;
import dev.yolojava.profiler.analysis.ProfileSummary;
import dev.yolojava.profiler.model.ProfileData;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code summary.json} (the whole {@link ProfileSummary}, which {@code compare} reads),
 * {@code kernels.csv}, {@code ranges.csv} and {@code summary.txt}, a table for people.
 */
public final class SummaryExporter implements TraceExporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public ExportResult export(ProfileData data, Path dir) {
        return attempt(() -> write(data, dir));
    }

    private void write(ProfileData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        ProfileSummary s = ProfileAnalyzer.analyze(data);
        JSON.writeValue(dir.resolve("summary.json").toFile(), s);
        Files.writeString(dir.resolve("kernels.csv"), kernelsCsv(s));
        Files.writeString(dir.resolve("ranges.csv"), rangesCsv(s));
        Files.writeString(dir.resolve("summary.txt"), table(s) + devices(data.deviceSamples()));
    }

    /**
     * @param samples the GPUs' states the capture took (NVML)
     * @return a "Devices" table, one line per sample, or nothing when there are none
     */
    static String devices(List<DeviceSample> samples) {
        if (samples.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nDevices (NVML, at capture and kernel-window"
                + " boundaries)%n  %-4s %10s %14s %9s %12s %6s %9s  %s%n", "gpu", "t ms", "SM MHz (max)", "mem MHz",
                "power W", "temp", "util %", "clock reasons"));
        long t0 = samples.get(0).timestampNs();
        for (DeviceSample x : samples) {
            b.append(String.format(Locale.ROOT, "  %-4d %10.1f %6d (%5d) %9d %5.0f/%-6.0f %5dC %4d/%-4d  %s%n", x.device(),
                    (x.timestampNs() - t0) / 1e6, x.smClockMhz(), x.maxSmClockMhz(), x.memoryClockMhz(), x.powerWatts(),
                    x.powerLimitWatts(), x.temperatureC(), x.gpuUtilizationPercent(), x.memoryUtilizationPercent(),
                    x.clockReasons().isEmpty() ? "-" : String.join(",", x.clockReasons())));
        }
        return b.toString();
    }

    /**
     * @param summaryJson a {@code summary.json} file
     * @return the summary read back from {@code summary.json}
     * @throws IOException when the file cannot be read or is not a summary
     */
    public static ProfileSummary read(Path summaryJson) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(summaryJson.toFile());
        validate(root, summaryJson);
        return JSON.treeToValue(root, ProfileSummary.class);
    }

    /** Checks the fields a comparison reads are there and numeric, naming the first one that is not. */
    private static void validate(com.fasterxml.jackson.databind.JsonNode root, Path file) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        for (String list : new String[]{"ranges", "kernels"}) {
            if (!root.path(list).isArray()) {
                throw new IOException(file + " has no '" + list + "' list: expected a summary.json written by the profiler");
            }
        }
        check(root.get("ranges"), file, "ranges", "name", "count", "avgUs");
        check(root.get("kernels"), file, "kernels", "name", "totalUs");
    }

    private static void check(com.fasterxml.jackson.databind.JsonNode list, Path file, String what, String name,
                              String... numbers) throws IOException {
        for (int i = 0; i < list.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode e = list.get(i);
            if (!e.path(name).isTextual()) {
                throw new IOException(file + ": " + what + "[" + i + "] has no '" + name + "'");
            }
            for (String n : numbers) {
                if (!e.path(n).isNumber() || !Double.isFinite(e.get(n).asDouble())) {
                    throw new IOException(file + ": " + what + " '" + e.get(name).asText() + "' has no numeric '" + n + "'");
                }
            }
        }
    }

    static String kernelsCsv(ProfileSummary s) {
        StringBuilder b = new StringBuilder("name,count,total_us,avg_us,p50_us,p99_us,max_us,share,grid,block,registers,shared_bytes,occupancy,tensor_core\n");
        for (ProfileSummary.KernelStats k : s.kernels()) {
            b.append(csv(k.name())).append(',').append(k.count()).append(',').append(f(k.totalUs())).append(',')
                    .append(f(k.avgUs())).append(',').append(f(k.p50Us())).append(',').append(f(k.p99Us())).append(',')
                    .append(f(k.maxUs())).append(',').append(f(k.share())).append(',').append(csv(k.grid())).append(',')
                    .append(csv(k.block())).append(',').append(k.registers()).append(',').append(k.sharedBytes()).append(',')
                    .append(f(k.occupancy())).append(',').append(k.tensorCore()).append('\n');
        }
        return b.toString();
    }

    static String rangesCsv(ProfileSummary s) {
        StringBuilder b = new StringBuilder("name,count,total_us,avg_us,p50_us,p99_us,kernels_per_call,kernel_us_per_call,memcpy_bytes_per_call,gpu_share\n");
        for (ProfileSummary.RangeStats r : s.ranges()) {
            b.append(csv(r.name())).append(',').append(r.count()).append(',').append(f(r.totalUs())).append(',')
                    .append(f(r.avgUs())).append(',').append(f(r.p50Us())).append(',').append(f(r.p99Us())).append(',')
                    .append(f(r.kernelsPerCall())).append(',').append(f(r.kernelUsPerCall())).append(',')
                    .append(f(r.memcpyBytesPerCall())).append(',').append(f(r.gpuShare())).append('\n');
        }
        return b.toString();
    }

    /**
     * @param s a summary
     * @return the human-readable report
     */
    public static String table(ProfileSummary s) {
        StringWriter sw = new StringWriter();
        PrintWriter p = new PrintWriter(sw);
        p.printf(Locale.ROOT, "Profile %s on %s: %.1f ms wall, GPU busy %.1f ms, idle %.1f ms, %d kernels (%.1f ms), "
                        + "Tensor Core share %.0f%%, %d records dropped, CUPTI overhead %.1f ms%n%n", s.name(), s.device(),
                s.wallUs() / 1000, s.gpuBusyUs() / 1000, s.gpuIdleUs() / 1000, s.kernelCount(), s.kernelTimeUs() / 1000,
                100 * s.tensorCoreShare(), s.droppedRecords(), s.cuptiOverheadUs() / 1000);
        p.println("Ranges");
        p.printf(Locale.ROOT, "  %-28s %7s %10s %10s %10s %9s %11s %8s%n", "name", "count", "avg us", "p50 us", "p99 us",
                "kern/call", "kern us/call", "GPU %");
        for (ProfileSummary.RangeStats r : s.ranges()) {
            p.printf(Locale.ROOT, "  %-28s %7d %10.1f %10.1f %10.1f %9.1f %11.1f %7.0f%%%n", cut(r.name(), 28), r.count(),
                    r.avgUs(), r.p50Us(), r.p99Us(), r.kernelsPerCall(), r.kernelUsPerCall(), 100 * r.gpuShare());
        }
        p.println();
        p.println("Top kernels");
        p.printf(Locale.ROOT, "  %-60s %7s %10s %8s %8s %6s %5s %s%n", "name", "count", "total us", "avg us", "p99 us",
                "share", "occ", "TC");
        s.kernels().stream().limit(20).forEach(k -> p.printf(Locale.ROOT, "  %-60s %7d %10.1f %8.2f %8.2f %5.1f%% %5s %s%n",
                cut(k.name(), 60), k.count(), k.totalUs(), k.avgUs(), k.p99Us(), 100 * k.share(),
                k.occupancy() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", k.occupancy()), k.tensorCore() ? "yes" : ""));
        p.println();
        p.println("Memory copies");
        for (ProfileSummary.MemcpyStats m : s.memcpy()) {
            p.printf(Locale.ROOT, "  %-4s %7d copies %12d bytes %9.1f us  %6.1f GB/s (peak %.1f)  pinned %.0f%%%n",
                    m.kind(), m.count(), m.bytes(), m.totalUs(), m.gbPerSec(), m.peakGbPerSec(), 100 * m.pinnedShare());
        }
        if (!s.layers().isEmpty()) {
            p.println();
            p.println("Layers (NVTX), by GPU time");
            s.layers().stream().limit(25).forEach(l -> p.printf(Locale.ROOT, "  %-60s %6d runs %10.1f us %5.1f%%%n",
                    cut(l.name(), 60), l.count(), l.gpuUs(), 100 * l.share()));
        }
        if (!s.largestGapsUs().isEmpty()) {
            p.println();
            p.printf(Locale.ROOT, "Largest GPU idle gaps (us): %s%n", s.largestGapsUs().stream()
                    .map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
        }
        if (!s.findings().isEmpty()) {
            p.println();
            p.println("Findings");
            s.findings().forEach(x -> p.println("  - " + x));
        }
        p.flush();
        return sw.toString();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
