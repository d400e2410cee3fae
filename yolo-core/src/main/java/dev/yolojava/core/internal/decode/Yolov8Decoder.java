package dev.yolojava.core.internal.decode;

import java.nio.FloatBuffer;

/**
 * YOLOv8 / YOLO11 head: {@code [B, 4 + C, N]}, rows {@code cx, cy, w, h} then one score per class
 * (already sigmoid-activated), one column per anchor.
 */
record Yolov8Decoder(int numClasses) implements OutputDecoder {

    @Override
    public OutputLayout layout() {
        return OutputLayout.YOLOV8;
    }

    /** Per-thread scratch: one class row, and the best score and class of every anchor. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    @Override
    public void decode(FloatBuffer output, long[] shape, int batchIndex, DecodeOptions options, Candidates out) {
        int rows = (int) shape[1], n = (int) shape[2];
        int base = batchIndex * rows * n;
        float conf = options.confidenceThreshold();
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < n) {
            scratch[0] = new float[n];
            scratch[1] = new float[n];
            scratch[2] = new float[n];
        }
        float[] row = scratch[0], best = scratch[1], bestC = scratch[2];
        // class rows are contiguous: read each in bulk and keep, per anchor, the best class scoring at
        // least the threshold. Starting from just under the threshold makes the update rare, so the
        // inner loop is a predictable compare (most anchors score low for every class).
        java.util.Arrays.fill(best, 0, n, Math.nextDown(conf));
        java.util.Arrays.fill(bestC, 0, n, -1f);
        for (int c = 0; c < numClasses; c++) {
            output.get(base + (4 + c) * n, row, 0, n);
            for (int i = 0; i < n; i++) {
                if (row[i] > best[i]) {
                    best[i] = row[i];
                    bestC[i] = c;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            float score = best[i];
            int cls = (int) bestC[i];
            if (cls < 0 || score <= 0f || !options.keeps(cls)) {
                continue;
            }
            float cx = output.get(base + i), cy = output.get(base + n + i);
            float hw = output.get(base + 2 * n + i) / 2f, hh = output.get(base + 3 * n + i) / 2f;
            out.add(cx - hw, cy - hh, cx + hw, cy + hh, score, cls);
        }
    }
}
