package dev.yolojava.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yolojava.core.Detection;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.RawImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code yolo detect}: detections printed, annotated PNGs and a JSON report written. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect objects in images (files or folders); write annotated PNGs and detections.json.")
final class DetectCommand implements Callable<Integer> {
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
    @Option(names = "--classes", split = ",", description = "keep only these class ids, e.g. 0,2")
    List<Integer> classes;
    @Option(names = "--out", defaultValue = "out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--option", description = "backend option key=value, e.g. tensorrt.precision=fp32")
    Map<String, String> options = new LinkedHashMap<>();
    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "image files or folders of images")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        List<Path> images = expand(inputs);
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("model file not found: " + model);
        }
        var b = YoloDetector.builder().model(model).backend(backend).confidenceThreshold(conf).iouThreshold(iou)
                .maxDetections(maxDet).classes(classes);
        options.forEach(b::option);
        Files.createDirectories(out);
        List<Map<String, Object>> report = new ArrayList<>();
        try (YoloDetector detector = b.build()) {
            int i = 0;
            for (Path p : images) {
                i++;
                BufferedImage img = RawImage.readBufferedImage(p);
                long t0 = System.nanoTime();
                List<Detection> dets = detector.detect(img);
                double ms = (System.nanoTime() - t0) / 1e6;
                String name = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                Path png = out.resolve(name + ".png");
                ImageIO.write(Annotator.draw(img, dets), "png", png.toFile());
                System.out.printf(Locale.ROOT, "%s%s: %d objects in %.1f ms -> %s%n",
                        images.size() > 1 ? "[" + i + "/" + images.size() + "] " : "", p, dets.size(), ms, png);
                for (Detection d : dets) {
                    System.out.println("  " + d);
                }
                report.add(entry(p, img, dets, ms, detector.backendName()));
            }
        }
        Path json = out.resolve("detections.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        System.out.println("wrote " + json);
        return ExitCodes.OK;
    }

    private static Map<String, Object> entry(Path p, BufferedImage img, List<Detection> dets, double ms, String backend) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", p.toString());
        m.put("width", img.getWidth());
        m.put("height", img.getHeight());
        m.put("backend", backend);
        m.put("milliseconds", Math.round(ms * 100) / 100.0);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Detection d : dets) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("classId", d.classId());
            e.put("label", d.label());
            e.put("score", d.score());
            e.put("box", List.of(d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2()));
            list.add(e);
        }
        m.put("detections", list);
        return m;
    }

    /** Files as given; folders replaced by the images inside them (sorted). */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> imgs = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                            .matches(".*\\.(jpe?g|png|bmp|gif)$")).sorted().toList();
                    if (imgs.isEmpty()) {
                        throw new InvalidImageException("no images (jpg, png, bmp, gif) in folder " + p);
                    }
                    out.addAll(imgs);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new InvalidImageException("image file not found: " + p);
            }
        }
        return out;
    }
}
