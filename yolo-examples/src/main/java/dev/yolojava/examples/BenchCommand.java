package dev.yolojava.examples;

import dev.yolojava.core.FramePipeline;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.batch.DetectorPool;
import dev.yolojava.core.batch.DynamicBatcher;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.video.VideoDecoder;
import dev.yolojava.profiler.Profiler;
import dev.yolojava.profiler.ProfilerConfig;
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
            + " on its own thread, sharing a pool of detectors (--pool); reports total frames/s (also while every stream"
            + " delivered: steady_fps; and the seconds until every stream's first frame: all_started_s), dropped frames and frame latency p50/p99")
    int streams;
    @Option(names = "--realtime", description = "with --streams: play each stream at its frame rate as a live camera"
            + " (drop-oldest when detection falls behind); latency counts from each frame's due time")
    boolean realtime;
    @Option(names = "--stream-batch", defaultValue = "0", description = "with --streams: gather up to N frames of"
            + " different streams into one detector call (a batcher per GPU, frames waiting at most 1 ms for each other;"
            + " detectors built with batch N, the pool default 2 per device); with tensorrt.batchedEngine a batch is one"
            + " execution")
    int streamBatch;
    @Option(names = "--decode-only", description = "with --streams: decode the streams only, no detection (where the"
            + " decoders' own ceiling lies: frames/s and cores busy)")
    boolean decodeOnly;
    @Option(names = "--devices", split = ",", description = "with --streams: CUDA devices to spread detectors and NVDEC"
            + " decoders over, e.g. 0,1 (TensorRT; default: the backend's default device); with nvdec-device each"
            + " stream's frames go to a detector on the GPU that decoded them")
    List<Integer> devices;
    @Option(names = "--pool", defaultValue = "0", description = "with --streams: detectors in the pool (default: one per"
            + " stream); with --images and --source jpeg: also run iterations x batch images as one list through"
            + " DetectorPool.detectEncoded on a pool of N detectors (pieces of 1-4 batches on every detector at once)")
    int poolSize;
    @Option(names = "--pool-cpu-decoders", defaultValue = "0", description = "with --pool and --source jpeg: this many"
            + " more detectors in the pool decode on the CPU (tensorrt.jpegDecoder=cpu) while the others use the GPU's"
            + " JPEG decoder; the pool hands pieces to whichever detector is free")
    int poolCpuDecoders;
    @Option(names = "--list", description = "also run iterations x batch images as one list on the detector"
            + " (detectEncoded from JPEG bytes, detectBatch from frames: on TensorRT two deep, the next batch decoded or"
            + " staged and queued while one computes)")
    boolean list;
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
        if (streamBatch < 0 || (streamBatch > 0 && streams == 0)) {
            throw new IllegalArgumentException("--stream-batch applies to --streams N (N >= 1) and must be >= 1, got "
                    + streamBatch);
        }
        if (decodeOnly && (streams == 0 || realtime)) {
            throw new IllegalArgumentException("--decode-only applies to --streams N (N >= 1) without --realtime");
        }
        if (realtime && streams == 0) {
            throw new IllegalArgumentException("--realtime applies to --streams N (N >= 1): add --streams");
        }
        if (poolCpuDecoders < 0 || (poolCpuDecoders > 0 && poolSize == 0)) {
            throw new IllegalArgumentException("--pool-cpu-decoders applies to --pool N (N >= 1) and must be >= 0, got "
                    + poolCpuDecoders);
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
            VideoBench vb = new VideoBench(this);
            Map<String, Object> v = decodeOnly ? vb.decodeOnly() : streams > 0 ? vb.streams() : vb.single();
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
        var b = detectorBuilder(batch);
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
                new ProfilerBench(this).overhead(call, batch, r);
            }
            if (clients > 0) {
                batcherPass(det, frames, encoded, jpeg, batch, r);
            }
            if (threads > 1) {
                threadsPass(inputs, encodedInputs, jpeg, batch, r);
            }
            if (list) {
                listPass(det, frames, encoded, jpeg, batch, r);
            }
            if (poolSize > 0 && jpeg) {
                poolPass(encoded, batch, r);
            }
            if (pipeline && batch == 1 && !jpeg) {
                pipelinePass(det, frames, r);
            }
            if (profileDir != null) {
                new ProfilerBench(this).profiled(call, batch, profileDir.resolve("batch" + batch + "-" + source),
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

    /** @return where the benchmark ran, for its record: Java, the OS, the cores */
    static Map<String, Object> environment() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        e.put("cores", Runtime.getRuntime().availableProcessors());
        e.put("yolo_java", String.valueOf(BenchCommand.class.getPackage().getImplementationVersion()));
        return e;
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
        var b = detectorBuilder(batch);
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
     * {@code iterations × batch} images (the files cycled) as one list on this detector, once to warm up and once
     * timed: {@link YoloDetector#detectEncoded} from JPEG bytes, {@link YoloDetector#detectBatch} from frames, which on
     * TensorRT run two deep (the next batch decoded or staged, and queued, while one computes).
     */
    private void listPass(YoloDetector det, List<RawImage> frames, List<byte[]> encoded, boolean jpeg, int batch,
                          Map<String, Object> r) {
        int n = iterations * batch;
        List<byte[]> bytes = jpeg ? cycled(encoded, n) : List.of();
        List<RawImage> images = jpeg ? List.of() : cycled(frames, n);
        Runnable run = jpeg ? () -> det.detectEncoded(bytes) : () -> det.detectBatch(images);
        run.run();
        long t0 = System.nanoTime();
        run.run();
        double ips = n / ((System.nanoTime() - t0) / 1e9);
        r.put("list_images_per_s", ips);
        System.out.printf(Locale.ROOT, "       %d images as one list on this detector (%s, batches of %d): %.1f"
                + " images/s%n", n, jpeg ? "detectEncoded" : "detectBatch", batch, ips);
    }

    /** @return {@code n} items, {@code items} cycled */
    static <T> List<T> cycled(List<T> items, int n) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(items.get(i % items.size()));
        }
        return out;
    }

    /** @return a builder of this run's detector: the model, backend and {@code --option}s, at {@code batch} */
    private YoloDetector.Builder detectorBuilder(int batch) {
        var b = YoloDetector.builder().model(model).backend(backend).batchSize(batch);
        options.forEach(b::option);
        return b;
    }

    /**
     * {@code iterations × batch} encoded images (the files cycled) as one list through
     * {@link DetectorPool#detectEncoded} on a pool of {@code --pool} detectors, once to warm up and once timed.
     */
    private void poolPass(List<byte[]> encoded, int batch, Map<String, Object> r) {
        var b = detectorBuilder(batch);
        var cpu = detectorBuilder(batch).option("tensorrt.jpegDecoder", "cpu");
        int size = poolSize + poolCpuDecoders;
        List<byte[]> all = cycled(encoded, iterations * batch);
        try (DetectorPool pool = DetectorPool.open(size, i -> i < poolSize ? b.build() : cpu.build())) {
            pool.detectEncoded(all.subList(0, Math.min(all.size(), Math.max(batch, warmup * batch) * size)));
            long t0 = System.nanoTime();
            pool.detectEncoded(all);
            double ips = all.size() / ((System.nanoTime() - t0) / 1e9);
            r.put("pool", poolSize);
            r.put("pool_cpu_decoders", poolCpuDecoders);
            r.put("pool_images_per_s", ips);
            System.out.printf(Locale.ROOT, "       %d images through a pool of %d%s (DetectorPool.detectEncoded): %.1f images/s%n",
                    all.size(), poolSize, poolCpuDecoders > 0 ? " + " + poolCpuDecoders + " decoding on the CPU" : "", ips);
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

    static double pct(double[] sorted, double p) {
        return Percentiles.of(sorted, p);
    }
}
