package dev.yolojava.examples;

import dev.yolojava.core.FramePipeline;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.batch.DetectorPool;
import dev.yolojava.core.batch.DynamicBatcher;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.video.FfmpegVideoSource;
import dev.yolojava.core.video.LiveVideoSource;
import dev.yolojava.core.video.PacedVideoSource;
import dev.yolojava.core.video.StreamGroup;
import dev.yolojava.core.video.VideoDecoder;
import dev.yolojava.core.video.VideoFrame;
import dev.yolojava.core.video.VideoSource;
import dev.yolojava.core.video.VideoSources;
import dev.yolojava.core.video.VideoFrame;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerConfig;
import dev.yolojava.profiler.ProfilerRange;
import dev.yolojava.profiler.analysis.Percentiles;
import dev.yolojava.profiler.analysis.ProfileAnalyzer;
import dev.yolojava.profiler.analysis.ProfileSummary;
import dev.yolojava.profiler.model.ProfileData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code yolo bench}: end-to-end latency percentiles and throughput per batch size, the time of
 * each stage (from the profiler's ranges), and, where the backend can, the engine alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark detection: latency p50/p90/p99, throughput, per-stage times, engine floor.",
        footer = ExitCodes.HELP)
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "ONNX model file")
    Path model;
    @Option(names = "--backend", description = "onnxruntime, tensorrt or auto")
    String backend;
    @Option(names = "--images", description = "folder of images (read once, cycled through); required unless --video")
    Path images;
    @Option(names = "--video", description = "instead of images: a video file (or stream URL); reports FFmpeg decode, then"
            + " end to end (decode, detect through the pipeline, results) frames per second over --iterations frames")
    String video;
    @Option(names = "--decoder", defaultValue = "cpu", description = "with --video: cpu, nvdec (the GPU's hardware"
            + " decoder through FFmpeg's *_cuvid decoders, frames copied to the host), auto, or nvdec-device (NVDEC into GPU"
            + " memory, read there by the tensorrt backend: no pixel on the host) (default ${DEFAULT-VALUE})")
    String decoder;
    @Option(names = "--streams", defaultValue = "0", description = "with --video: N concurrent streams of the video, each"
            + " on its own thread, sharing a pool of detectors (--pool); reports total frames/s, dropped frames and"
            + " frame latency p50/p99")
    int streams;
    @Option(names = "--realtime", description = "with --streams: play each stream at its frame rate as a live camera"
            + " (drop-oldest when detection falls behind); latency counts from each frame's due time")
    boolean realtime;
    @Option(names = "--devices", split = ",", description = "with --streams: CUDA devices to spread detectors and NVDEC"
            + " decoders over, e.g. 0,1 (TensorRT; default: the backend's default device); with nvdec-device each"
            + " stream's frames go to a detector on the GPU that decoded them")
    List<Integer> devices;
    @Option(names = "--pool", defaultValue = "0", description = "with --streams: detectors in the pool (default: one per"
            + " stream); with --images and --source jpeg: also run iterations x batch images as one list through"
            + " DetectorPool.detectEncoded on a pool of N detectors (chunks of the batch size on every detector at once)")
    int poolSize;
    @Option(names = "--batch", split = ",", defaultValue = "1", description = "batch sizes, e.g. 1,4,16")
    List<Integer> batches;
    @Option(names = "--warmup", defaultValue = "20", description = "untimed iterations per batch size")
    int warmup;
    @Option(names = "--iterations", defaultValue = "100", description = "timed iterations per batch size")
    int iterations;
    @Option(names = "--option", description = "backend option key=value, e.g. tensorrt.precision=fp16")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--json", description = "write the results as JSON here")
    Path json;
    @Option(names = "--profile-dir", description = "also run the timed loop with the profiler on (CUPTI, chrome+summary"
            + " exporters) writing here, each batch in an 'inference' range, and report the overhead")
    Path profileDir;
    @Option(names = "--profile-overhead", defaultValue = "0", paramLabel = "ROUNDS",
            description = "also measure the profiler's cost: ROUNDS rounds, each timing --iterations calls (each in an"
                    + " 'inference' range) with the profiler off, at the continuous level (ranges + NVTX, no CUPTI), as"
                    + " ENABLE_PROFILING=1 runs it (CUPTI in kernel windows, YOLO_PROFILING_KERNELS) and with CUPTI on"
                    + " every call, in a rotating order; reports each level's throughput loss against the same round's"
                    + " 'off' (median and range)")
    int overheadRounds;
    @Option(names = "--clients", defaultValue = "0",
            description = "also run N client threads sending single images through a DynamicBatcher"
                    + " (max batch = the batch size, 2 ms deadline), as a server would")
    int clients;
    @Option(names = "--threads", defaultValue = "1",
            description = "also run the timed loop on N threads at once, each with a detector of its own from one pool"
                    + " (its own execution context, stream and, from JPEG bytes, nvJPEG decoder: one thread's decode"
                    + " overlaps another's inference), and report the images/s of all together")
    int threads;
    @Option(names = "--pipeline", description = "also run batch 1 through a double-buffered FramePipeline"
            + " (frame N+1 uploads while frame N computes) and report its throughput and latency")
    boolean pipeline;
    @Option(names = "--source", split = ",", defaultValue = "jpeg",
            description = "what each timed call starts from: jpeg (the files' bytes, read once: bytes -> detections, decode"
                    + " timed as its own stage; on TensorRT JPEGs decode on the GPU), frames (decoded once beforehand, in"
                    + " the Java heap) and/or pinned (decoded once into frames from the detector's allocateFrame: on"
                    + " TensorRT page-locked memory uploaded without a staging copy); e.g. jpeg,frames runs both per batch"
                    + " size, interleaved (default ${DEFAULT-VALUE})")
    List<String> sources;
    @Option(names = "--stages", defaultValue = "true", negatable = true,
            description = "record per-stage times with profiler ranges (default on)")
    boolean stages;

    @Override
    public Integer call() throws IOException {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--iterations must be >= 1 and --warmup >= 0, got "
                    + iterations + " and " + warmup);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (streams < 0 || poolSize < 0 || overheadRounds < 0) {
            throw new IllegalArgumentException("--streams, --pool and --profile-overhead must be >= 0, got " + streams
                    + ", " + poolSize + " and " + overheadRounds);
        }
        if (realtime && streams == 0) {
            throw new IllegalArgumentException("--realtime applies to --streams N (N >= 1): add --streams");
        }
        if (poolSize > 0 && streams == 0 && video != null) {
            throw new IllegalArgumentException("--pool with --video applies to --streams N (N >= 1): add --streams");
        }
        if (video != null) { // a bad --decoder is said before the model loads
            VideoDecoder dec = VideoDecoder.parse(decoder);
            if (dec == VideoDecoder.NVDEC_DEVICE && realtime) {
                throw new IllegalArgumentException("--realtime buffers frames on the host: use --decoder nvdec (or cpu) with it,"
                        + " not nvdec-device");
            }
        }
        if (json != null) {
            Outputs.writableFile(json, "--json"); // before the benchmark, not after it
        }
        if (video == null && images == null) {
            throw new IllegalArgumentException("--images or --video is required");
        }
        if (profileDir != null) {
            Outputs.writableFolder(profileDir);
        }
        if (!Files.isRegularFile(model)) {
            throw new dev.yolojava.core.ModelLoadException("model file not found: " + model);
        }
        if (Profiler.isRecording()) { // ENABLE_PROFILING: the environment's session would profile the baseline too
            System.out.println("note: profiling is on from the environment (ENABLE_PROFILING / yolo.profiling): every pass"
                    + " is profiled, so the stage and --profile-dir passes are skipped; unset it for an unprofiled baseline");
            stages = false;
            profileDir = null;
        }
        if (video != null) {
            Map<String, Object> v = streams > 0 ? streamsPass() : videoPass();
            if (json != null) {
                Outputs.writeJsonAtomically(json, List.of(v));
                System.out.println("wrote " + json);
            }
            return ExitCodes.OK;
        }
        for (String src : sources) {
            if (!List.of("jpeg", "frames", "pinned").contains(src)) {
                throw new IllegalArgumentException("--source: expected jpeg, frames or pinned, got '" + src + "'");
            }
        }
        List<RawImage> frames = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        List<Path> files = Files.isDirectory(images) ? DetectCommand.images(images) : List.of(images);
        for (Path p : files) {
            encoded.add(RawImage.readBytes(p));
            frames.add(RawImage.decode(encoded.get(encoded.size() - 1), p.toString()));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-6s %9s %9s %9s %9s %10s  %s%n", "batch*", "p50 ms", "p90 ms", "p99 ms",
                "engine ms", "images/s", "stages (p50 ms per batch)");
        System.out.println("(* j: from JPEG bytes, f: from decoded frames, p: from frames in the detector's memory)");
        for (int batch : batches) {
            if (batch < 1) {
                throw new IllegalArgumentException("--batch sizes must be >= 1, got " + batch);
            }
            for (String src : sources) {
                results.add(runOne(frames, encoded, src, batch));
            }
        }
        if (json != null) {
            Outputs.writeJsonAtomically(json, results);
            System.out.println("wrote " + json);
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> runOne(List<RawImage> decoded, List<byte[]> encoded, String source, int batch) {
        boolean jpeg = source.equals("jpeg");
        var b = YoloDetector.builder().model(model).backend(backend).batchSize(batch);
        options.forEach(b::option);
        Map<String, Object> r = new LinkedHashMap<>();
        try (YoloDetector det = b.build()) {
            List<RawImage> frames = source.equals("pinned") ? inDetectorMemory(det, decoded) : decoded;
            List<List<RawImage>> inputs = batches(frames, batch);
            List<List<byte[]>> encodedInputs = batches(encoded, batch);
            java.util.function.IntConsumer call = jpeg ? i -> det.detectEncoded(encodedInputs.get(i % encodedInputs.size()))
                    : i -> det.detectBatch(inputs.get(i % inputs.size()));
            for (int i = 0; i < warmup; i++) {
                call.accept(i);
            }
            // pass 1: end to end, nothing else running
            double[] ms = new double[iterations];
            long wall0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                call.accept(i);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double wallS = (System.nanoTime() - wall0) / 1e9;
            // pass 2: the same work with profiler ranges (CPU stages) and device events (GPU stages)
            Map<String, List<Double>> device = new LinkedHashMap<>();
            ProfileData data = null;
            if (stages) {
                boolean timed = det.diagnostics().stageTiming(true);
                Profiler.start(ProfilerConfig.builder().enabled(true).cupti(false).nvtx(false).exporters(List.of()).build());
                for (int i = 0; i < Math.max(10, iterations / 2); i++) {
                    call.accept(i);
                    if (timed) {
                        det.diagnostics().lastStageMillis().forEach((k, v) -> device.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                    }
                }
                data = Profiler.stop();
                det.diagnostics().stageTiming(false);
            }
            if (overheadRounds > 0) {
                overheadPass(call, batch, r);
            }
            if (clients > 0) {
                batcherPass(det, frames, encoded, jpeg, batch, r);
            }
            if (threads > 1) {
                threadsPass(inputs, encodedInputs, jpeg, batch, r);
            }
            if (poolSize > 0 && jpeg) {
                poolPass(encoded, batch, r);
            }
            if (pipeline && batch == 1 && !jpeg) {
                pipelinePass(det, frames, r);
            }
            if (profileDir != null) {
                profiledPass(call, batch, profileDir.resolve("batch" + batch + "-" + source),
                        iterations * batch / wallS, r);
            }
            double[] engine = det.diagnostics().engineTimes(batch, iterations);
            Arrays.sort(ms);
            r.put("backend", det.backendName());
            r.put("backend_details", det.diagnostics().backendDetails());
            r.put("environment", environment());
            r.put("model", model.getFileName().toString());
            r.put("options", options);
            r.put("source", source);
            r.put("environment_profiling", !stages && Profiler.isRecording());
            r.put("batch", batch);
            r.put("decode_on_device", det.diagnostics().decodesOnDevice());
            r.put("iterations", iterations);
            r.put("p50_ms", pct(ms, 50));
            r.put("p90_ms", pct(ms, 90));
            r.put("p99_ms", pct(ms, 99));
            r.put("mean_ms", Arrays.stream(ms).average().orElse(0));
            r.put("images_per_s", iterations * batch / wallS);
            Map<String, Double> st = new LinkedHashMap<>();
            if (data != null) {
                for (ProfileSummary.RangeStats s : ProfileAnalyzer.analyze(data).ranges()) {
                    st.put(s.name(), s.p50Us() / 1000);
                }
            }
            device.forEach((k, v) -> st.put("gpu." + k, v.stream().sorted().toList().get(v.size() / 2)));
            r.put("stages_p50_ms", st);
            if (engine != null) {
                Arrays.sort(engine);
                r.put("engine_p50_ms", pct(engine, 50));
                r.put("engine_p99_ms", pct(engine, 99));
            }
            StringBuilder sb = new StringBuilder();
            st.forEach((k, v) -> sb.append(k.replace("yolo.", "")).append('=').append(String.format(Locale.ROOT, "%.3f", v)).append(' '));
            System.out.printf(Locale.ROOT, "%-6s %9.3f %9.3f %9.3f %9s %10.1f  %s%n", batch + source.substring(0, 1), pct(ms, 50),
                    pct(ms, 90),
                    pct(ms, 99), engine == null ? "-" : String.format(Locale.ROOT, "%.3f", pct(engine, 50)),
                    iterations * batch / wallS, sb.toString().trim());
        }
        return r;
    }

    /** Copies of {@code frames} in memory from {@link YoloDetector#allocateFrame} (made once, before timing). */
    private static List<RawImage> inDetectorMemory(YoloDetector det, List<RawImage> frames) {
        List<RawImage> out = new ArrayList<>(frames.size());
        for (RawImage f : frames) {
            RawImage m = det.allocateFrame(f.width(), f.height(), f.format());
            for (int y = 0; y < f.height(); y++) {
                m.pixels().put(y * m.stride(), f.pixels(), y * f.stride(), 3 * f.width());
            }
            out.add(m);
        }
        return out;
    }

    /** Decode alone, then decode + detect through the pipeline, over the same frames of the video. */
    private Map<String, Object> videoPass() {
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
            r.put("environment", environment());
        }
        r.put("video", video);
        r.put("model", model.getFileName().toString());
        r.put("options", options);
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
     * N streams of the video at once, each read (and, with --realtime, paced as a camera) on its own thread and
     * detected on whichever detector of the shared pool is free; the pool's detectors spread over --devices.
     */
    private Map<String, Object> streamsPass() {
        VideoDecoder dec = VideoDecoder.parse(decoder);
        List<Integer> gpus = devices == null || devices.isEmpty() ? List.of() : List.copyOf(devices);
        int pool = poolSize > 0 ? poolSize : streams;
        var b = YoloDetector.builder().model(model).backend(backend);
        options.forEach(b::option);
        Map<String, Object> r = new LinkedHashMap<>();
        long[] frames = new long[streams];
        long[] dropped = new long[streams];
        List<double[]> latencies = new ArrayList<>();
        String[] decoders = new String[streams];
        double wallS;
        try (DetectorPool detectors = DetectorPool.open(pool, i -> {
            if (!gpus.isEmpty()) {
                b.option("tensorrt.device", String.valueOf(gpus.get(i % gpus.size())));
            }
            return b.build();
        })) {
            for (int i = 0; i < pool; i++) { // warm every detector (CUDA graphs, JIT) before the clock starts
                detectors.with(d -> d.detect(RawImage.bgr(new byte[64 * 64 * 3], 64, 64)));
            }
            StreamGroup.Builder group = StreamGroup.builder(detectors).maxFramesPerStream(iterations);
            PacedVideoSource[] paced = new PacedVideoSource[streams];
            for (int s = 0; s < streams; s++) {
                VideoSource file = VideoSources.open(video, 10_000, dec, gpus.isEmpty() ? 0 : gpus.get(s % gpus.size()));
                decoders[s] = file.decoder();
                if (realtime) { // a live camera: paced at its frame rate, dropping its oldest frame when behind
                    paced[s] = new PacedVideoSource(file);
                    group.add(new LiveVideoSource(paced[s], 2, 1));
                } else {
                    group.add(file);
                }
                latencies.add(new double[iterations]);
            }
            int[] detected = new int[streams]; // each slot written by its stream's thread only
            group.onFrame((s, f, d, readNanos) -> { // latency from the frame's due time (live) or from its read
                long from = realtime ? paced[s].dueNanos(f) : readNanos;
                latencies.get(s)[detected[s]++] = (System.nanoTime() - from) / 1e6;
            });
            long wall0 = System.nanoTime();
            try (StreamGroup g = group.start()) {
                g.await(java.time.Duration.ofDays(1));
                wallS = (System.nanoTime() - wall0) / 1e9;
                for (int s = 0; s < streams; s++) {
                    if (g.failure(s) != null) {
                        throw g.failure(s);
                    }
                    frames[s] = g.frames(s);
                    dropped[s] = g.droppedFrames(s);
                }
            }
            r.put("backend", detectors.with(YoloDetector::backendName));
            r.put("backend_details", detectors.with(d -> d.diagnostics().backendDetails()));
            r.put("environment", environment());
        }
        long total = Arrays.stream(frames).sum();
        double[] all = new double[(int) total];
        int k = 0;
        for (int s = 0; s < streams; s++) {
            System.arraycopy(latencies.get(s), 0, all, k, (int) frames[s]);
            k += (int) frames[s];
        }
        Arrays.sort(all);
        long drops = Arrays.stream(dropped).sum();
        r.put("video", video);
        r.put("model", model.getFileName().toString());
        r.put("options", options);
        r.put("streams", streams);
        r.put("realtime", realtime);
        r.put("devices", gpus);
        r.put("pool", pool);
        r.put("decoders", List.of(decoders));
        r.put("frames", total);
        r.put("frames_per_stream", Arrays.stream(frames).boxed().toList());
        r.put("dropped_frames", drops);
        r.put("total_fps", total / wallS);
        r.put("latency_p50_ms", all.length == 0 ? 0 : pct(all, 50));
        r.put("latency_p99_ms", all.length == 0 ? 0 : pct(all, 99));
        r.put("latency_max_ms", all.length == 0 ? 0 : all[all.length - 1]);
        System.out.printf(Locale.ROOT, "%d streams of %s (%s%s, pool %d on devices %s): %.1f frames/s in all, %d frames,"
                        + " %d dropped, latency p50 %.2f ms p99 %.2f ms max %.2f ms%n", streams, video, decoderSummary(decoders),
                realtime ? ", live pace" : ", as fast as read", pool, gpus.isEmpty() ? "default" : gpus, total / wallS, total,
                drops, r.get("latency_p50_ms"), r.get("latency_p99_ms"), r.get("latency_max_ms"));
        return r;
    }

    /** @return where the benchmark ran, for its record: Java, the OS, the cores */
    static Map<String, Object> environment() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        e.put("cores", Runtime.getRuntime().availableProcessors());
        e.put("yolo_java", String.valueOf(BenchCommand.class.getPackage().getImplementationVersion()));
        return e;
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

    private static <T> List<List<T>> batches(List<T> items, int batch) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < Math.max(1, items.size()); i++) {
            List<T> in = new ArrayList<>(batch);
            for (int j = 0; j < batch; j++) {
                in.add(items.get((i * batch + j) % items.size()));
            }
            out.add(in);
        }
        return out;
    }

    /**
     * Concurrent single-image clients gathered into batches by a {@link DynamicBatcher}; with the jpeg
     * source each client decodes its image on the CPU first, as a server handling uploads would.
     */
    private void batcherPass(YoloDetector det, List<RawImage> frames, List<byte[]> encoded, boolean jpeg, int batch,
                             Map<String, Object> r) {
        int perClient = Math.max(1, iterations * batch / clients);
        double[] lat = new double[perClient * clients];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        try (DynamicBatcher batcher = DynamicBatcher.builder().maxBatch(batch).maxDelay(java.time.Duration.ofMillis(2))
                .queueCapacity(Math.max(16, 4 * clients)).build(det)) {
            Thread[] ts = new Thread[clients];
            long wall0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int id = c;
                ts[c] = new Thread(() -> {
                    for (int i = 0; i < perClient; i++) {
                        long t0 = System.nanoTime();
                        int k = (id + i) % frames.size();
                        batcher.submit(jpeg ? RawImage.decode(encoded.get(k), "image " + k) : frames.get(k)).join();
                        lat[next.getAndIncrement()] = (System.nanoTime() - t0) / 1e6;
                    }
                }, "bench-client-" + c);
                ts[c].start();
            }
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            double ips = lat.length / ((System.nanoTime() - wall0) / 1e9);
            Arrays.sort(lat);
            r.put("batcher_clients", clients);
            r.put("batcher_images_per_s", ips);
            r.put("batcher_p50_ms", pct(lat, 50));
            r.put("batcher_p99_ms", pct(lat, 99));
            r.put("batcher_average_batch", batcher.averageBatch());
            System.out.printf(Locale.ROOT, "       %d clients via DynamicBatcher: %.1f images/s, latency p50 %.3f ms p99 %.3f ms,"
                    + " average batch %.1f%n", clients, ips, pct(lat, 50), pct(lat, 99), batcher.averageBatch());
        }
    }

    /**
     * The timed loop on {@code threads} threads at once, each on a detector of its own (one pool, opened and warmed
     * before the clock starts), as a service with several workers runs it.
     */
    private void threadsPass(List<List<RawImage>> inputs, List<List<byte[]>> encodedInputs, boolean jpeg, int batch,
                             Map<String, Object> r) {
        var b = YoloDetector.builder().model(model).backend(backend).batchSize(batch);
        options.forEach(b::option);
        double[] lat = new double[threads * iterations];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CyclicBarrier ready = new java.util.concurrent.CyclicBarrier(threads + 1);
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        double wallS;
        try (DetectorPool pool = DetectorPool.open(threads, i -> b.build())) {
            Thread[] ts = new Thread[threads];
            for (int c = 0; c < threads; c++) {
                int id = c;
                ts[c] = new Thread(() -> pool.with(d -> {
                    java.util.function.IntConsumer call = jpeg ? i -> d.detectEncoded(encodedInputs.get(i % encodedInputs.size()))
                            : i -> d.detectBatch(inputs.get(i % inputs.size()));
                    try {
                        for (int i = 0; i < warmup; i++) {
                            call.accept(id + i);
                        }
                        ready.await();
                        for (int i = 0; i < iterations; i++) {
                            long t0 = System.nanoTime();
                            call.accept(id + i);
                            lat[next.getAndIncrement()] = (System.nanoTime() - t0) / 1e6;
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        ready.reset(); // the others stop waiting
                    } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                        failure.compareAndSet(null, new IllegalStateException("bench thread " + id + " stopped: " + e));
                    }
                    return null;
                }), "bench-thread-" + c);
                ts[c].start();
            }
            try {
                ready.await();
                long wall0 = System.nanoTime();
                for (Thread t : ts) {
                    t.join();
                }
                wallS = (System.nanoTime() - wall0) / 1e9;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.BrokenBarrierException e) {
                for (Thread t : ts) {
                    try {
                        t.join();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw failure.get() != null ? failure.get() : new IllegalStateException("a bench thread failed to start");
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double ips = (double) threads * iterations * batch / wallS;
        Arrays.sort(lat);
        r.put("threads", threads);
        r.put("threads_images_per_s", ips);
        r.put("threads_p50_ms", pct(lat, 50));
        r.put("threads_p99_ms", pct(lat, 99));
        System.out.printf(Locale.ROOT, "       %d threads, a detector each: %.1f images/s, latency p50 %.3f ms p99 %.3f ms%n",
                threads, ips, pct(lat, 50), pct(lat, 99));
    }

    /**
     * {@code iterations × batch} encoded images (the files cycled) as one list through
     * {@link DetectorPool#detectEncoded} on a pool of {@code --pool} detectors, once to warm up and once timed.
     */
    private void poolPass(List<byte[]> encoded, int batch, Map<String, Object> r) {
        var b = YoloDetector.builder().model(model).backend(backend).batchSize(batch);
        options.forEach(b::option);
        List<byte[]> all = new ArrayList<>(iterations * batch);
        for (int i = 0; i < iterations * batch; i++) {
            all.add(encoded.get(i % encoded.size()));
        }
        try (DetectorPool pool = DetectorPool.open(poolSize, i -> b.build())) {
            pool.detectEncoded(all.subList(0, Math.min(all.size(), Math.max(batch, warmup * batch) * poolSize)));
            long t0 = System.nanoTime();
            pool.detectEncoded(all);
            double ips = all.size() / ((System.nanoTime() - t0) / 1e9);
            r.put("pool", poolSize);
            r.put("pool_images_per_s", ips);
            System.out.printf(Locale.ROOT, "       %d images through a pool of %d (DetectorPool.detectEncoded): %.1f images/s%n",
                    all.size(), poolSize, ips);
        }
    }

    /** Single frames submitted back to back through a {@link FramePipeline}, completing in order. */
    private void pipelinePass(YoloDetector det, List<RawImage> frames, Map<String, Object> r) {
        double[] lat = new double[iterations];
        long[] submitted = new long[iterations];
        try (FramePipeline p = det.pipeline()) {
            for (int i = 0; i < warmup; i++) {
                p.submit(frames.get(i % frames.size()));
            }
            p.flush();
            long wall0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                int id = i;
                submitted[i] = System.nanoTime();
                p.submit(frames.get(i % frames.size())).thenRun(() -> lat[id] = (System.nanoTime() - submitted[id]) / 1e6);
            }
            p.flush();
            double ips = iterations / ((System.nanoTime() - wall0) / 1e9);
            Arrays.sort(lat);
            r.put("pipeline_depth", p.depth());
            r.put("pipeline_images_per_s", ips);
            r.put("pipeline_p50_ms", pct(lat, 50));
            r.put("pipeline_p99_ms", pct(lat, 99));
            System.out.printf(Locale.ROOT, "       pipelined (depth %d): %.1f images/s, submit-to-result p50 %.3f ms p99 %.3f ms%n",
                    p.depth(), ips, pct(lat, 50), pct(lat, 99));
        }
    }

    /**
     * The profiler's cost per level, off/on interleaved: each round times the same calls at every level, the
     * order rotating from round to round so that drift on a shared machine does not favour one level.
     */
    private void overheadPass(java.util.function.IntConsumer call, int batch, Map<String, Object> r) {
        ProfilerConfig env = ProfilerConfig.fromEnvironment();
        Map<String, ProfilerConfig> levels = new LinkedHashMap<>();
        levels.put("off", null);
        var base = ProfilerConfig.builder().enabled(true).exporters(List.of()).outputDir(Path.of(System.getProperty(
                "java.io.tmpdir")));
        levels.put("continuous", base.cupti(false).build());
        levels.put("default", base.cupti(true).kernelWindows(env.kernelWindows().isAlways()
                ? dev.yolojava.profiler.KernelWindows.DEFAULT : env.kernelWindows()).build());
        levels.put("kernel_window", base.cupti(true).kernelWindows(dev.yolojava.profiler.KernelWindows.always()).build());
        List<String> names = new ArrayList<>(levels.keySet());
        Map<String, List<Double>> ips = new LinkedHashMap<>();
        names.forEach(n -> ips.put(n, new ArrayList<>()));
        for (String n : names) { // one untimed pass each: CUPTI's first start and the JIT stay out of the rounds
            timedLevel(call, levels.get(n), Math.min(iterations, 200));
        }
        for (int round = 0; round < overheadRounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((k + round) % names.size());
                ips.get(n).add(timedLevel(call, levels.get(n), iterations) * batch);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rounds", overheadRounds);
        out.put("calls_per_pass", iterations);
        out.put("kernel_windows", String.valueOf(levels.get("default").kernelWindows()));
        out.put("images_per_s", ips);
        StringBuilder line = new StringBuilder();
        for (String n : names.subList(1, names.size())) {
            double[] loss = new double[overheadRounds];
            for (int i = 0; i < overheadRounds; i++) {
                double off = ips.get("off").get(i);
                loss[i] = 100 * (off - ips.get(n).get(i)) / off;
            }
            double[] sorted = loss.clone();
            Arrays.sort(sorted);
            out.put(n + "_loss_percent", Map.of("median", pct(sorted, 50), "min", sorted[0], "max",
                    sorted[sorted.length - 1], "per_round", Arrays.stream(loss).boxed().toList()));
            line.append(String.format(Locale.ROOT, " %s %.1f%% [%.1f, %.1f]", n, pct(sorted, 50), sorted[0],
                    sorted[sorted.length - 1]));
        }
        r.put("profiler_overhead", out);
        System.out.printf(Locale.ROOT, "       profiler cost, throughput loss vs off, median [min, max] of %d rounds:%s%n",
                overheadRounds, line);
    }

    /** @return calls per second of {@code n} calls, each in an 'inference' range, at one profiler level */
    private static double timedLevel(java.util.function.IntConsumer call, ProfilerConfig level, int n) {
        if (level != null) {
            Profiler.start(level);
        }
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (ProfilerRange range = Profiler.range("inference")) {
                    call.accept(i);
                }
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            if (level != null) {
                Profiler.stop();
            }
        }
    }

    /** Pass 3: the timed loop again with full profiling, for the trace and the overhead figure. */
    private void profiledPass(java.util.function.IntConsumer call, int batch, Path dir, double offImagesPerS,
                              Map<String, Object> r) {
        ProfilerConfig env = ProfilerConfig.fromEnvironment(); // YOLO_PROFILING_CUPTI, _KINDS and limits still apply
        Profiler.start(new ProfilerConfig(true, dir, List.of("chrome", "summary"), null, env.cupti(), env.nvtx(),
                env.maxEvents(), dev.yolojava.profiler.KernelWindows.always()));
        boolean gpu = Profiler.hasGpuActivity();
        long wall0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            try (ProfilerRange range = Profiler.range("inference")) {
                range.attribute("batch", batch);
                call.accept(i);
            }
        }
        double onImagesPerS = iterations * batch / ((System.nanoTime() - wall0) / 1e9);
        ProfileData d = Profiler.stop();
        r.put("profiled_images_per_s", onImagesPerS);
        r.put("profiling_overhead_percent", 100 * (offImagesPerS - onImagesPerS) / offImagesPerS);
        r.put("profiled_gpu_activity", gpu);
        if (d != null) {
            r.put("profiled_kernels", d.kernels().size());
            r.put("profiled_dropped_records", d.droppedRecords());
        }
        System.out.printf(Locale.ROOT, "       profiling on: %.1f images/s (%.1f%% overhead, CUPTI %s) -> %s%n", onImagesPerS,
                100 * (offImagesPerS - onImagesPerS) / offImagesPerS, gpu ? "on" : "unavailable",
                dir.toAbsolutePath());
    }

    private static double pct(double[] sorted, double p) {
        return Percentiles.of(sorted, p);
    }
}
