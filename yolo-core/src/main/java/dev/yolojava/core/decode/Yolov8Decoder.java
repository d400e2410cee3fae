package dev.yolojava.core.decode;

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

    @Override
    public void decode(FloatBuffer output, long[] shape, int batchIndex, DecodeOptions options, Candidates out) {
        int rows = (int) shape[1], n = (int) shape[2];
        int base = batchIndex * rows * n;
        float conf = options.confidenceThreshold();
        for (int i = 0; i < n; i++) {
            float best = -1f;
            int bestC = -1;
            for (int c = 0; c < numClasses; c++) {
                float s = output.get(base + (4 + c) * n + i);
                if (s > best) {
                    best = s;
                    bestC = c;
                }
            }
            if (best < conf || best <= 0f || !options.keeps(bestC)) {
                continue;
            }
            float cx = output.get(base + i), cy = output.get(base + n + i);
            float hw = output.get(base + 2 * n + i) / 2f, hh = output.get(base + 3 * n + i) / 2f;
            out.add(cx - hw, cy - hh, cx + hw, cy + hh, best, bestC);
        }
    }
}
