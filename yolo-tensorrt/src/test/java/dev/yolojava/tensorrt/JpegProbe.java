package dev.yolojava.tensorrt;

import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

/**
 * A diagnostic for the GPU machine (not a test): decodes the given JPEGs in one batch with the TensorRT
 * backend's decoder, synchronizes, then detects, printing each step, so that a failing image or step shows
 * in the log. Run one JVM per case: {@code java -cp ... dev.yolojava.tensorrt.JpegProbe MODEL IMG...}. The decoder is
 * {@code -Dyolo.jpegDecoder} (a {@code tensorrt.jpegDecoder} value; default {@code hardware}, the GPU path, which
 * fails rather than falling back to the CPU as the backend's default {@code auto} would).
 */
public final class JpegProbe {
    private JpegProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        List<byte[]> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            data.add(Files.readAllBytes(Path.of(args[i])));
            names.add(Path.of(args[i]).getFileName().toString());
        }
        String decoder = System.getProperty("yolo.jpegDecoder", "hardware");
        System.out.println("probe decoder " + decoder);
        try (YoloDetector det = YoloDetector.builder().model(model).backend("tensorrt").batchSize(data.size())
                .option("tensorrt.jpegDecoder", decoder).build()) {
            TensorRtBackend trt = det.unwrap(TensorRtBackend.class).orElseThrow();
            List<Frame> frames = trt.decodeImages(data, names);
            int s = cudaDeviceSynchronize();
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                System.out.printf("probe %s: %s %dx%d stride %d%n", names.get(i), f instanceof DeviceImage ? "GPU" : "CPU",
                        f.width(), f.height(), f.stride());
            }
            System.out.println("probe after decode: cudaDeviceSynchronize = " + s + " " + cudaGetErrorString(s).getString());
            for (int round = 0; round < 3; round++) {
                var r = det.detectEncoded(data);
                s = cudaDeviceSynchronize();
                System.out.printf("probe detect round %d: %s, sync %d%n", round,
                        r.stream().map(List::size).toList(), s);
            }
            long[] n = trt.decodedImages();
            System.out.printf("probe decoded on GPU %d, CPU %d%n", n[0], n[1]);
        }
    }
}
