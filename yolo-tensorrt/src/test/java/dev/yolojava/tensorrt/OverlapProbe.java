package dev.yolojava.tensorrt;

import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.preprocess.Letterbox;
import dev.yolojava.core.spi.PipelinedBackend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic for the GPU machine (not a test): where a batch's time goes when nvJPEG decodes the next batch while
 * the engine runs this one. Times, per batch of {@code BATCH} images cycled from the given JPEGs: decode alone,
 * inference alone (submit + await), decode while an inference is in flight, and the two-deep loop
 * ({@code YoloDetector.detectEncoded} of a long list). {@code java -cp ... OverlapProbe MODEL BATCH ROUNDS IMG...}
 */
public final class OverlapProbe {
    private OverlapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<byte[]> files = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            files.add(Files.readAllBytes(Path.of(args[i])));
        }
        List<byte[]> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            data.add(files.get(i % files.size()));
            names.add("image " + i);
        }
        try (YoloDetector det = YoloDetector.builder().model(model).backend("tensorrt").batchSize(batch).build()) {
            TensorRtBackend trt = det.unwrap(TensorRtBackend.class).orElseThrow();
            List<Frame> frames = trt.decodeImages(data, names);
            List<Letterbox> boxes = new ArrayList<>();
            for (Frame f : frames) {
                boxes.add(Letterbox.compute(f.width(), f.height(), 640, 640));
            }
            for (int warm = 0; warm < 20; warm++) {
                trt.submitFrames(frames, boxes).await();
                trt.decodeImages(data, names);
            }
            double dec = 0, inf = 0, decWhile = 0, awaitAfter = 0, submit = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                List<Frame> a = trt.decodeImages(data, names);
                long t1 = System.nanoTime();
                trt.submitFrames(a, boxes).await();
                long t2 = System.nanoTime();
                PipelinedBackend.PendingOutput p = trt.submitFrames(a, boxes);
                long t3 = System.nanoTime();
                trt.decodeImages(data, names);
                long t4 = System.nanoTime();
                p.await();
                long t5 = System.nanoTime();
                dec += (t1 - t0) / 1e6;
                inf += (t2 - t1) / 1e6;
                submit += (t3 - t2) / 1e6;
                decWhile += (t4 - t3) / 1e6;
                awaitAfter += (t5 - t4) / 1e6;
            }
            System.out.printf("probe overlap batch %d: decode alone %.2f ms, inference alone %.2f ms; submit %.2f ms, decode"
                            + " while in flight %.2f ms, then await %.2f ms%n", batch, dec / rounds, inf / rounds,
                    submit / rounds, decWhile / rounds, awaitAfter / rounds);
            List<byte[]> list = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                list.addAll(data);
            }
            det.detectEncoded(list);
            long t0 = System.nanoTime();
            det.detectEncoded(list);
            double listMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                det.detectEncoded(data);
            }
            double oneMs = (System.nanoTime() - t1) / 1e6;
            System.out.printf("probe overlap list: %.2f ms per batch two-deep (%.0f images/s), %.2f ms per batch one call at"
                    + " a time (%.0f images/s)%n", listMs / rounds, list.size() / listMs * 1e3, oneMs / rounds,
                    list.size() / oneMs * 1e3);
        }
    }
}
