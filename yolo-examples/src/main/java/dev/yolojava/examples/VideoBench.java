package dev.yolojava.examples;

import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.batch.DetectorPool;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.video.LiveVideoSource;
import dev.yolojava.core.video.PacedVideoSource;
import dev.yolojava.core.video.StreamGroup;
import dev.yolojava.core.video.VideoDecoder;
import dev.yolojava.core.video.VideoFrame;
import dev.yolojava.core.video.VideoSource;
import dev.yolojava.core.video.VideoSources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code yolo bench --video}: one video (decode alone, then decode + detect), or N streams of it at once. */
final class VideoBench {
    private final Path model;
    private final String backend;
    private final Map<String, String> options;
    private final String video;
    private final String decoder;
    private final int streams;
    private final boolean realtime;
    private final List<Integer> devices;
    private final int poolSize;
    private final int iterations;
    private final int streamBatch;

    /** @param c the command's options */
    VideoBench(BenchCommand c) {
        this.model = c.model;
        this.backend = c.backend;
        this.options = c.options;
        this.video = c.video;
        this.decoder = c.decoder;
        this.streams = c.streams;
        this.realtime = c.realtime;
        this.devices = c.devices;
        this.poolSize = c.poolSize;
        this.iterations = c.iterations;
        this.streamBatch = c.streamBatch;
    }

    /** Decode alone, then decode + detect through the pipeline, over the same frames of the video. */
    Map<String, Object> single() {
        Map<String, Object> r = new LinkedHashMap<>();
        long decoded = 0;
        long t0;
        VideoDecoder dec = VideoDecoder.parse(decoder);
        int gpu = devices == null || devices.isEmpty() ? 0 : devices.get(0);
        try (VideoSource v = VideoSources.open(video, 10_000, dec, gpu)) {
            t0 = System.nanoTime(); // decoding alone, the open (and NVDEC's set-up) left out
            for (VideoFrame f; decoded < iterations && (f = v.read()) != null; decoded++) {
                if (decoded == 0) {
                    r.put("width", f.image().width());
                    r.put("height", f.image().height());
                }
            }
            r.put("decoder", v.decoder());
        }
        double decodeFps = decoded / ((System.nanoTime() - t0) / 1e9);
        var b = YoloDetector.builder().model(model).backend(backend);
        options.forEach(b::option);
        long frames = 0, objects = 0;
        double e2eFps;
        if (devices != null && !devices.isEmpty()) {
            b.option("tensorrt.device", String.valueOf(gpu));
        }
        try (YoloDetector det = b.build();
             VideoSource v = VideoSources.open(video, 10_000, dec, gpu);
             dev.yolojava.core.video.VideoDetections results = det.stream(v)) {
            long t1 = System.nanoTime();
            while (frames < iterations && results.hasNext()) {
                objects += results.next().detections().size();
                frames++;
            }
            e2eFps = frames / ((System.nanoTime() - t1) / 1e9);
            r.put("backend", det.backendName());
            r.put("backend_details", det.diagnostics().backendDetails());
            r.put("environment", BenchCommand.environment());
        }
        describeRun(r);
        r.put("frames", frames);
        r.put("decode_fps", decodeFps);
        r.put("end_to_end_fps", e2eFps);
        r.put("objects_per_frame", frames == 0 ? 0 : (double) objects / frames);
        System.out.printf(Locale.ROOT, "video %s (%s): FFmpeg decode %.1f frames/s; decode + detect + results %.1f frames/s over"
                + " %d frames (%.1f objects per frame)%n", video, r.get("decoder"), decodeFps, e2eFps, frames, frames == 0 ? 0.0
                : (double) objects / frames);
        return r;
    }

    /**
     * N streams of the video decoded at once, each on its own thread, nothing detected: the decoders' ceiling (NVDEC
     * sources spread over --devices as in {@link #streams()}), to set against the streams' end-to-end figure.
     */
    Map<String, Object> decodeOnly() {
        VideoDecoder dec = VideoDecoder.parse(decoder);
        List<Integer> gpus = gpus();
        List<VideoSource> sources = new ArrayList<>();
        long[] frames = new long[streams];
        RuntimeException[] failures = new RuntimeException[streams];
        String[] decoders = new String[streams];
        StreamTimes times = new StreamTimes(streams);
        double wallS;
        double cpuCores;
        long wall0;
        try {
            for (int s = 0; s < streams; s++) {
                sources.add(openStream(s, dec, gpus));
                decoders[s] = sources.get(s).decoder();
            }
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                int k = s;
                threads.add(new Thread(() -> {
                    try {
                        for (long t0 = System.nanoTime(); frames[k] < iterations && sources.get(k).read() != null; ) {
                            frames[k]++;
                            long now = System.nanoTime();
                            times.add(k, (now - t0) / 1e6, now); // the read's time
                            t0 = now;
                        }
                    } catch (RuntimeException e) {
                        failures[k] = e;
                    }
                }, "decode-" + s));
            }
            wall0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the streams decoded", e);
                }
            }
            wallS = (System.nanoTime() - wall0) / 1e9;
            cpuCores = (processCpuNanos() - cpu0) / 1e9 / wallS;
        } finally {
            sources.forEach(VideoSource::close);
        }
        for (RuntimeException f : failures) {
            if (f != null) {
                throw f;
            }
        }
        long total = Arrays.stream(frames).sum();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("environment", BenchCommand.environment());
        describeRun(r);
        r.put("decode_only", true);
        r.put("streams", streams);
        r.put("devices", gpus);
        r.put("decoders", List.of(decoders));
        r.put("frames", total);
        r.put("frames_per_stream", Arrays.stream(frames).boxed().toList());
        r.put("total_fps", total / wallS);
        double steady = times.steadyFps();
        double started = times.startedSeconds(wall0);
        putWindow(r, steady, started);
        putSpread(r, "read", times.sortedLatencies()); // each read's time: a frame's wait, the decoder's creation included
        putCores(r, cpuCores);
        System.out.printf(Locale.ROOT, "%d streams of %s (%s), decode only, as fast as read: %.1f frames/s in all (%.1f while"
                        + " every stream decoded, every stream's first frame after %.2f s), %d frames, a read p50 %.2f ms p99"
                        + " %.2f ms max %.2f ms, %.1f of %d cores busy%n",
                streams, video, decoderSummary(decoders), total / wallS, steady, started, total,
                r.get("read_p50_ms"), r.get("read_p99_ms"), r.get("read_max_ms"), cpuCores,
                Runtime.getRuntime().availableProcessors());
        return r;
    }

    /**
     * N streams of the video at once, each read (and, with --realtime, paced as a camera) on its own thread and
     * detected on whichever detector of the shared pool is free; the pool's detectors spread over --devices.
     */
    Map<String, Object> streams() {
        VideoDecoder dec = VideoDecoder.parse(decoder);
        List<Integer> gpus = gpus();
        int perDevice = Math.max(1, gpus.size());
        int pool = poolSize > 0 ? poolSize : streamBatch > 0 ? 2 * perDevice : streams;
        var b = YoloDetector.builder().model(model).backend(backend);
        if (streamBatch > 0) {
            b.batchSize(streamBatch);
        }
        options.forEach(b::option);
        Map<String, Object> r = new LinkedHashMap<>();
        double averageBatch = 0;
        long[] frames = new long[streams];
        long[] dropped = new long[streams];
        StreamTimes times = new StreamTimes(streams);
        String[] decoders = new String[streams];
        double wallS;
        double cpuCores;
        long wall0;
        try (DetectorPool detectors = DetectorPool.open(pool, i -> {
            if (!gpus.isEmpty()) {
                b.option("tensorrt.device", String.valueOf(gpus.get(i % gpus.size())));
            }
            return b.build();
        })) {
            warm(detectors, dec, gpus);
            StreamGroup.Builder group = StreamGroup.builder(detectors).maxFramesPerStream(iterations);
            if (streamBatch > 0) {
                group.batching(streamBatch, java.time.Duration.ofMillis(1), Math.max(1, pool / perDevice));
            }
            PacedVideoSource[] paced = new PacedVideoSource[streams];
            for (int s = 0; s < streams; s++) {
                VideoSource file = openStream(s, dec, gpus);
                decoders[s] = file.decoder();
                if (realtime) { // a live camera: paced at its frame rate, dropping its oldest frame when behind
                    paced[s] = new PacedVideoSource(file);
                    group.add(new LiveVideoSource(paced[s], 2, 1));
                } else {
                    group.add(file);
                }
            }
            group.onFrame((s, f, d, readNanos) -> { // latency from the frame's due time (live) or from its read
                long from = realtime ? paced[s].dueNanos(f) : readNanos;
                long now = System.nanoTime();
                times.add(s, (now - from) / 1e6, now); // each stream written by its own thread only
            });
            wall0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            try (StreamGroup g = group.start()) {
                g.await(java.time.Duration.ofDays(1));
                wallS = (System.nanoTime() - wall0) / 1e9;
                cpuCores = (processCpuNanos() - cpu0) / 1e9 / wallS;
                for (int s = 0; s < streams; s++) {
                    if (g.failure(s) != null) {
                        throw g.failure(s);
                    }
                    frames[s] = g.frames(s);
                    dropped[s] = g.droppedFrames(s);
                }
                averageBatch = g.averageBatch();
            }
            r.put("backend", detectors.with(YoloDetector::backendName));
            r.put("backend_details", detectors.with(d -> d.diagnostics().backendDetails()));
            r.put("environment", BenchCommand.environment());
        }
        long total = Arrays.stream(frames).sum();
        double steady = times.steadyFps();
        double started = times.startedSeconds(wall0);
        long drops = Arrays.stream(dropped).sum();
        describeRun(r);
        r.put("streams", streams);
        r.put("realtime", realtime);
        r.put("devices", gpus);
        r.put("pool", pool);
        r.put("decoders", List.of(decoders));
        r.put("stream_batch", streamBatch);
        r.put("average_batch", streamBatch > 0 ? averageBatch : 1.0);
        r.put("frames", total);
        r.put("frames_per_stream", Arrays.stream(frames).boxed().toList());
        r.put("dropped_frames", drops);
        r.put("total_fps", total / wallS);
        putWindow(r, steady, started);
        putSpread(r, "latency", times.sortedLatencies());
        putCores(r, cpuCores);
        System.out.printf(Locale.ROOT, "%d streams of %s (%s%s, pool %d on devices %s%s): %.1f frames/s in all (%.1f while"
                        + " every stream delivered, every stream's first result after %.2f s), %d frames,"
                        + " %d dropped, latency p50 %.2f ms p99 %.2f ms max %.2f ms, %.1f of %d cores busy%n", streams, video, decoderSummary(decoders),
                realtime ? ", live pace" : ", as fast as read", pool, gpus.isEmpty() ? "default" : gpus,
                streamBatch > 0 ? String.format(Locale.ROOT, ", frames of several streams batched: up to %d, %.1f on average",
                        streamBatch, averageBatch) : "", total / wallS, steady, started, total,
                drops, r.get("latency_p50_ms"), r.get("latency_p99_ms"), r.get("latency_max_ms"), cpuCores,
                Runtime.getRuntime().availableProcessors());
        return r;
    }

    /**
     * Warms every detector of the pool before the clock starts with a frame of the video as its decoder gives it (on
     * the detector's GPU): three calls each (plain, captured as a CUDA graph, replayed), so that no stream's first
     * frames wait for graph captures at the video's frame size (they cost a live stream up to 100 ms, and frames).
     */
    private void warm(DetectorPool detectors, VideoDecoder dec, List<Integer> gpus) {
        Map<Integer, VideoSource> sources = new LinkedHashMap<>();
        Map<Integer, dev.yolojava.core.image.Frame> frames = new LinkedHashMap<>();
        try {
            detectors.forEachDetector(d -> {
                int gpu = gpus.isEmpty() ? 0 : d.cudaDevice().orElse(0);
                dev.yolojava.core.image.Frame f = frames.computeIfAbsent(gpu, g -> {
                    VideoSource v = VideoSources.open(video, 10_000, dec, g);
                    sources.put(g, v);
                    dev.yolojava.core.video.VideoFrame first = v.read();
                    if (first == null) {
                        throw new IllegalArgumentException("video " + video + " has no frames");
                    }
                    return first.image();
                });
                for (int i = 0; i < 3; i++) {
                    d.detect(f);
                }
            });
        } finally {
            sources.values().forEach(VideoSource::close);
        }
    }

    /** @return the streams' decoders, each distinct one with how many streams use it, e.g. {@code a ×4, b ×4} */
    static String decoderSummary(String[] decoders) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String d : decoders) {
            n.merge(d, 1, Integer::sum);
        }
        if (n.size() == 1) {
            return decoders[0];
        }
        StringBuilder sb = new StringBuilder();
        n.forEach((d, k) -> sb.append(sb.length() == 0 ? "" : ", ").append(d).append(" ×").append(k));
        return sb.toString();
    }


    /** @return the --devices given, or none (the backend's default device) */
    private List<Integer> gpus() {
        return devices == null || devices.isEmpty() ? List.of() : List.copyOf(devices);
    }

    /** @return stream {@code s} of the video, opened on its GPU (the streams take {@code gpus} in turn) */
    private VideoSource openStream(int s, VideoDecoder dec, List<Integer> gpus) {
        return VideoSources.open(video, 10_000, dec, gpus.isEmpty() ? 0 : gpus.get(s % gpus.size()));
    }

    /**
     * Puts the rate while every stream ran ({@code steady_fps}: the streams' start and tail left out) and the seconds
     * until every stream's first frame came ({@code all_started_s}: the start-up), each where there is one.
     */
    private static void putWindow(Map<String, Object> r, double steadyFps, double startedS) {
        if (!Double.isNaN(steadyFps)) {
            r.put("steady_fps", steadyFps);
        }
        if (!Double.isNaN(startedS)) {
            r.put("all_started_s", startedS);
        }
    }

    /** Puts {@code sorted}'s p50, p99 and max as {@code PREFIX_p50_ms}, {@code PREFIX_p99_ms}, {@code PREFIX_max_ms}. */
    private static void putSpread(Map<String, Object> r, String prefix, double[] sorted) {
        r.put(prefix + "_p50_ms", sorted.length == 0 ? 0 : BenchCommand.pct(sorted, 50));
        r.put(prefix + "_p99_ms", sorted.length == 0 ? 0 : BenchCommand.pct(sorted, 99));
        r.put(prefix + "_max_ms", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /** Puts the JVM's CPU time over the wall time (cores busy on average) and the host's cores. */
    private static void putCores(Map<String, Object> r, double cpuCores) {
        r.put("process_cpu_cores", cpuCores);
        r.put("host_cores", Runtime.getRuntime().availableProcessors());
    }

    /** Puts what every video record names: the video, the model and the backend options. */
    private void describeRun(Map<String, Object> r) {
        r.put("video", video);
        r.put("model", model.getFileName().toString());
        r.put("options", options);
    }

    /** @return the CPU time of this JVM, all threads, or 0 where the JVM does not say */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }
}
