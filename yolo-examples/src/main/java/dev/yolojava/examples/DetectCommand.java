package dev.yolojava.examples;

import dev.yolojava.core.Detection;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.YoloConfig;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.track.ByteTracker;
import dev.yolojava.core.video.FfmpegVideoSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code yolo detect}: detections printed, annotated PNGs and a JSON report written. Never writes over
 * an input, goes on past an unreadable image, and always writes {@code detections.json} (atomically)
 * with one entry per input: its detections or its error.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect objects in images (files or folders) and videos (files, rtsp/http streams); write annotated"
                + " PNGs (videos: an annotated H.264 .mp4 and one JSON line per frame) and detections.json into a fresh"
                + " folder (runs/detect/predict, predict2, ...) unless --out names one.",
        footer = ExitCodes.HELP)
final class DetectCommand implements Callable<Integer> {
    static final String IMAGE_PATTERN = ".*\\.(jpe?g|png|bmp|gif)$";

    @Option(names = "--model", required = true, description = "ONNX model (or TensorRT engine) file")
    Path model;
    @Option(names = "--backend", description = "onnxruntime, tensorrt or auto (default: auto, or YOLO_BACKEND)")
    String backend;
    @Option(names = "--conf", defaultValue = "0.25", description = "confidence threshold (default ${DEFAULT-VALUE})")
    float conf;
    @Option(names = "--iou", defaultValue = "0.45", description = "NMS IoU threshold (default ${DEFAULT-VALUE})")
    float iou;
    @Option(names = "--max-det", defaultValue = "300", description = "most detections per image (default ${DEFAULT-VALUE})")
    int maxDet;
    @Option(names = "--classes", split = ",", description = "keep only these classes, by id or name, e.g. 0,2 or person,car")
    List<String> classes;
    @Option(names = "--imgsz", description = "input size for models with a dynamic input: N or WxH"
            + " (default: the model's imgsz metadata)")
    String imgsz;
    @Option(names = "--out", description = "output folder, used as it is (default: a fresh PROJECT/NAME<N> folder)")
    Path out;
    @Option(names = "--project", defaultValue = "runs/detect",
            description = "where fresh run folders go when --out is not given (default ${DEFAULT-VALUE})")
    Path project;
    @Option(names = "--name", defaultValue = "predict",
            description = "run folder name: NAME, then NAME2, NAME3, ... (default ${DEFAULT-VALUE})")
    String name;
    @Option(names = "--option", description = "backend option key=value, e.g. tensorrt.precision=fp32")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--track", description = "videos: follow objects across frames (ByteTrack) and write their track ids")
    boolean track;
    @Option(names = "--max-frames", defaultValue = "0", description = "videos: stop after this many frames (0: all)")
    long maxFrames;
    @Option(names = "--timeout-ms", defaultValue = "10000",
            description = "video streams: give up when nothing arrives for this long (default ${DEFAULT-VALUE})")
    int timeoutMs;
    @Option(names = "--decoder", defaultValue = "cpu", description = "videos: where they decode: cpu, nvdec (the GPU's"
            + " hardware decoder, on tensorrt.device) or auto (nvdec where it opens, else cpu) (default ${DEFAULT-VALUE});"
            + " nvdec-device is for yolo bench: frames that stay on the GPU cannot be drawn on")
    String decoder;
    @Parameters(arity = "1..*", paramLabel = "IMAGE|VIDEO|URL|DIR",
            description = "image files, folders of images, video files (mp4, avi, mkv, mov, webm) or stream URLs"
                    + " (rtsp://, http(s)://)")
    List<String> inputs;

    static final String VIDEO_PATTERN = ".*\\.(mp4|avi|mkv|mov|webm|m4v|mpg|mpeg|ts)$";

    /** One input and what became of it. */
    private static final class Item {
        /** the file, or null for a stream URL */
        final Path image;
        /** the stream URL, or null for a file */
        final String url;
        Path output;
        Path jsonLines;
        String error;
        boolean outputFailed;
        Map<String, Object> result;

        Item(Path image, String url, String error) {
            this.image = image;
            this.url = url;
            this.error = error;
        }

        String name() {
            return url != null ? url : image.toString();
        }

        boolean video() {
            return url != null || image.getFileName().toString().toLowerCase(Locale.ROOT).matches(VIDEO_PATTERN);
        }

        String stem() {
            String last = url != null ? url.replaceFirst("[?#].*$", "").replaceAll("/+$", "") : image.getFileName().toString();
            last = last.substring(last.lastIndexOf('/') + 1).replaceFirst("\\.[^.]+$", "").replaceAll("[^A-Za-z0-9._-]", "_");
            return last.isEmpty() ? "stream" : last;
        }
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("model file not found: " + model);
        }
        var b = YoloDetector.builder().model(model).backend(backend).confidenceThreshold(conf).iouThreshold(iou)
                .maxDetections(maxDet);
        ClassOption.apply(classes, b);
        if (imgsz != null) {
            int[] wh = parseImgsz(imgsz);
            b.inputSize(wh[0], wh[1]);
        }
        options.forEach(b::option);
        List<Item> items = expand(inputs);
        Path dir = out != null ? Outputs.writableFolder(out) : Outputs.freshFolder(project, name);
        assignOutputs(items, dir);
        List<Item> todo = items.stream().filter(i -> i.error == null).toList();
        String stoppedBy = "not processed";
        try {
            if (!todo.isEmpty()) {
                runAll(b, todo, items.size());
            }
            stoppedBy = null;
        } catch (RuntimeException e) {
            stoppedBy = "not processed: the run stopped at " + e.getMessage();
            throw e;
        } finally {
            for (Item i : items) {
                if (i.error == null && i.result == null) {
                    i.error = stoppedBy;
                }
            }
            Path json = dir.resolve("detections.json");
            Outputs.writeJsonAtomically(json, report(items));
            System.out.println("wrote " + json);
        }
        return exitCode(items);
    }

    private void runAll(YoloDetector.Builder builder, List<Item> todo, int total) {
        Annotator annotator = new Annotator();
        int n = 0;
        dev.yolojava.core.video.VideoDecoder videoDecoder = dev.yolojava.core.video.VideoDecoder.parse(decoder);
        if (videoDecoder == dev.yolojava.core.video.VideoDecoder.NVDEC_DEVICE && todo.stream().anyMatch(Item::video)) {
            throw new IllegalArgumentException("--decoder nvdec-device: yolo detect draws boxes on each frame, which needs its"
                    + " pixels on the host; use --decoder nvdec (yolo bench --video takes nvdec-device)");
        }
        int gpu = 0; // NVDEC decodes on the detector's GPU; the backend itself checks the option's value
        try {
            gpu = Math.max(0, Integer.parseInt(options.getOrDefault("tensorrt.device", "0").trim()));
        } catch (NumberFormatException e) {
            // reported by the backend, naming the option
        }
        try (YoloDetector detector = builder.build()) {
            for (Item item : todo) {
                n++;
                String prefix = total > 1 ? "[" + n + "/" + todo.size() + "] " : "";
                if (item.video()) {
                    VideoRun.run(detector, item.name(), item.output, item.jsonLines, annotator,
                            track ? ByteTracker.builder().build() : null, maxFrames, timeoutMs, videoDecoder, gpu, prefix, r -> {
                                item.result = r;
                            }, e -> {
                                item.error = e;
                            });
                    continue;
                }
                RawImage img;
                try {
                    img = RawImage.read(item.image);
                } catch (InvalidImageException e) {
                    item.error = e.getMessage();
                    System.err.println(prefix + "error: " + e.getMessage() + " (skipped)");
                    continue;
                }
                long t0 = System.nanoTime();
                List<Detection> dets = detector.detect(img);
                double ms = (System.nanoTime() - t0) / 1e6;
                item.result = result(img, dets, ms, detector.backendName());
                try {
                    writePng(annotator.draw(img.toBufferedImage(), dets), item.output);
                } catch (IOException | RuntimeException e) {
                    item.error = "detections kept, but the annotated image " + item.output + " could not be written: " + e;
                    item.outputFailed = true;
                    item.output = null;
                    System.err.println(prefix + "error: " + item.name() + ": " + item.error);
                }
                System.out.printf(Locale.ROOT, "%s%s: %d objects in %.1f ms%s%n", prefix, item.image, dets.size(), ms,
                        item.output != null ? " -> " + item.output : "");
                for (Detection d : dets) {
                    System.out.println("  " + d);
                }
            }
        }
    }

    /** Writes a PNG beside its final name, then renames it, so a failed write leaves no half file. */
    private static void writePng(BufferedImage img, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Map<String, Object> result(RawImage img, List<Detection> dets, double ms, String backend) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("backend", backend);
        m.put("milliseconds", Math.round(ms * 100) / 100.0);
        m.put("detections", DetectionJson.of(dets, Map.of()));
        return m;
    }

    private static List<Map<String, Object>> report(List<Item> items) {
        List<Map<String, Object>> report = new ArrayList<>();
        for (Item i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", i.name());
            m.put("output", i.output == null ? null : i.output.toString());
            if (i.video()) {
                m.put("video", true);
                m.put("jsonLines", i.jsonLines == null ? null : i.jsonLines.toString());
            }
            if (i.result != null) {
                m.putAll(i.result);
            }
            if (i.error != null) {
                m.put("error", i.error);
            }
            report.add(m);
        }
        return report;
    }

    private static int exitCode(List<Item> items) {
        long failed = items.stream().filter(i -> i.error != null).count();
        if (failed == 0) {
            return ExitCodes.OK;
        }
        System.err.printf(Locale.ROOT, "%d of %d inputs failed (each is named above and in detections.json)%n",
                failed, items.size());
        if (failed < items.size()) {
            return ExitCodes.PARTIAL;
        }
        return items.stream().anyMatch(i -> i.outputFailed) ? ExitCodes.BAD_OUTPUT : ExitCodes.BAD_INPUT;
    }

    /**
     * Gives each input its own output name in {@code dir}: {@code <name>.png}, or {@code <name>_2.png},
     * ... when another input already took it or the name is an input's own file.
     */
    static void assignOutputs(List<Item> items, Path dir) {
        java.util.Set<Path> taken = new java.util.HashSet<>();
        for (Item i : items) {
            if (i.image != null) {
                taken.add(normalized(i.image));
            }
        }
        for (Item i : items) {
            if (i.error != null) {
                continue;
            }
            String stem = i.stem(), ext = i.video() ? VideoRun.extension() : ".png";
            String chosen = stem;
            for (int k = 2; taken.contains(normalized(dir.resolve(chosen + ext)))
                    || i.video() && taken.contains(normalized(dir.resolve(chosen + ".jsonl"))); k++) {
                chosen = stem + "_" + k;
            }
            i.output = dir.resolve(chosen + ext);
            taken.add(normalized(i.output));
            if (i.video()) {
                i.jsonLines = dir.resolve(chosen + ".jsonl");
                taken.add(normalized(i.jsonLines));
            }
        }
    }

    private static Path normalized(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * Files and URLs as given; folders replaced by the images inside them (sorted); a missing path is an item
     * in error.
     */
    static List<Item> expand(List<String> inputs) {
        List<Item> out = new ArrayList<>();
        for (String in : inputs) {
            if (FfmpegVideoSource.isUrl(in)) {
                out.add(new Item(null, in, null));
                continue;
            }
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                List<Path> imgs;
                try {
                    imgs = images(p);
                } catch (InvalidImageException e) {
                    out.add(new Item(p, null, e.getMessage()));
                    continue;
                }
                imgs.forEach(f -> out.add(new Item(f, null, null)));
            } else if (Files.isRegularFile(p)) {
                out.add(new Item(p, null, null));
            } else {
                String kind = p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .matches(VIDEO_PATTERN) ? "video" : "image";
                out.add(new Item(p, null, kind + " file not found: " + p));
            }
        }
        for (Item i : out) {
            if (i.error != null) {
                System.err.println("error: " + i.error);
            }
        }
        return out;
    }

    /**
     * @return the images (jpg, png, bmp, gif) directly inside {@code dir}, sorted
     * @throws InvalidImageException when there are none or the folder cannot be listed
     */
    static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> imgs = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(IMAGE_PATTERN))
                    .filter(Files::isRegularFile).sorted().toList();
            if (imgs.isEmpty()) {
                throw new InvalidImageException("no images (jpg, png, bmp, gif) in folder " + dir);
            }
            return imgs;
        } catch (IOException e) {
            throw new InvalidImageException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return {width, height} from {@code N} or {@code WxH} */
    static int[] parseImgsz(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            String[] parts = t.split("x", -1);
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0]);
                return new int[]{n, n};
            }
            if (parts.length == 2) {
                return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--imgsz: expected N or WxH (e.g. 640 or 640x480), got '" + text + "'");
    }
}
