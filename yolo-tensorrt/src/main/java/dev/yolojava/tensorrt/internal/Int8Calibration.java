package dev.yolojava.tensorrt.internal;

import dev.yolojava.onnxruntime.internal.ActivationRanges;
import dev.yolojava.tensorrt.TensorRtException;
import org.bytedeco.tensorrt.nvinfer.ILayer;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * INT8 calibration over a folder of images, as per-tensor dynamic ranges: the largest magnitude
 * each ONNX tensor takes over the images (min-max calibration, measured once on the CPU with ONNX
 * Runtime and kept beside the engines as a calibration table), set on the parsed network before
 * the build. JavaCPP's TensorRT presets cannot subclass {@code IInt8EntropyCalibrator2} (no
 * virtual callbacks), which is why the ranges are set directly.
 */
public final class Int8Calibration {
    private static final Logger LOG = LoggerFactory.getLogger(Int8Calibration.class);
    /** More images than this add little to min-max ranges and only cost time. */
    static final int MAX_IMAGES = 512;

    private Int8Calibration() {
    }

    /**
     * @param folder the {@code tensorrt.calibrationImages} folder
     * @return its JPEG/PNG/BMP files, sorted by name, at most {@link #MAX_IMAGES}
     */
    public static List<Path> images(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("tensorrt.calibrationImages: expected a folder of images, got " + folder.toAbsolutePath());
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(folder)) {
            all = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list tensorrt.calibrationImages folder " + folder, e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("tensorrt.calibrationImages: expected .jpg/.png/.bmp files in "
                    + folder.toAbsolutePath() + ", got none");
        }
        if (all.size() > MAX_IMAGES) {
            LOG.info("INT8 calibration uses the first {} of {} images in {}", MAX_IMAGES, all.size(), folder);
            return all.subList(0, MAX_IMAGES);
        }
        return all;
    }

    /** @return a short hash of the images' names and bytes: part of the engine key */
    public static String digest(List<Path> images) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : images) {
                md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calibration image: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The ranges of {@code onnx} over {@code images}: read from {@code table} when it exists, else
     * measured and written there.
     */
    public static Map<String, Float> ranges(Path onnx, List<Path> images, int width, int height, Path table) {
        if (Files.isRegularFile(table)) {
            try {
                Map<String, Float> r = read(table);
                LOG.info("INT8 calibration table {}: {} tensors", table, r.size());
                return r;
            } catch (IOException | RuntimeException e) {
                LOG.warn("calibration table {} unreadable ({}); measuring again", table, e.toString());
            }
        }
        Map<String, Float> r;
        try {
            LOG.info("INT8 calibration of {} over {} images on ONNX Runtime (CPU)", onnx.getFileName(), images.size());
            r = ActivationRanges.measure(onnx, images, width, height);
        } catch (NoClassDefFoundError e) {
            throw new TensorRtException("tensorrt.precision=int8 measures activation ranges with ONNX Runtime:"
                    + " add the dev.yolojava:yolo-onnxruntime dependency (missing: " + e.getMessage() + ")");
        }
        try {
            StringBuilder sb = new StringBuilder("# tensor\tmax |value| over " + images.size() + " images\n");
            r.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
            EngineCache.write(table, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("could not save calibration table {}: {}", table, e.toString());
        }
        return r;
    }

    static Map<String, Float> read(Path table) throws IOException {
        Map<String, Float> r = new LinkedHashMap<>();
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) {
                throw new IOException("calibration table line without a tab: " + line);
            }
            r.put(line.substring(0, tab), Float.parseFloat(line.substring(tab + 1)));
        }
        if (r.isEmpty()) {
            throw new IOException("empty calibration table");
        }
        return r;
    }

    /**
     * Sets {@code [-r, r]} on every network input and layer output with a measured, non-zero range.
     *
     * @return how many tensors got a range and how many did not (those stay in FP16/FP32)
     */
    public static int[] apply(INetworkDefinition network, Map<String, Float> ranges) {
        int set = 0, missing = 0;
        for (int i = 0; i < network.getNbInputs(); i++) {
            if (setRange(network.getInput(i), ranges)) {
                set++;
            } else {
                missing++;
            }
        }
        for (int l = 0; l < network.getNbLayers(); l++) {
            ILayer layer = network.getLayer(l);
            for (int o = 0; o < layer.getNbOutputs(); o++) {
                if (setRange(layer.getOutput(o), ranges)) {
                    set++;
                } else {
                    missing++;
                }
            }
        }
        return new int[]{set, missing};
    }

    private static boolean setRange(ITensor t, Map<String, Float> ranges) {
        if (t == null) {
            return false;
        }
        Float r = ranges.get(t.getName());
        return r != null && r > 0f && Float.isFinite(r) && t.setDynamicRange(-r, r);
    }
}
