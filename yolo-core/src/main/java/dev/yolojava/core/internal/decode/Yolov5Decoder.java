package dev.yolojava.core.internal.decode;

import java.nio.FloatBuffer;

/**
 * YOLOv5-style head: {@code [B, N, 5 + C]}, each row {@code cx, cy, w, h, objectness} then one
 * score per class; the confidence is {@code objectness * class score}.
 */
record Yolov5Decoder(int numClasses) implements OutputDecoder {

    @Override
    public OutputLayout layout() {
        return OutputLayout.YOLOV5;
    }

    @Override
    public void decode(FloatBuffer output, long[] shape, int batchIndex, DecodeOptions options, Candidates out) {
        int n = (int) shape[1], cols = (int) shape[2];
        int base = batchIndex * n * cols;
        float conf = options.confidenceThreshold();
        for (int i = 0; i < n; i++) {
            int r = base + i * cols;
            float obj = output.get(r + 4);
            if (obj < conf || obj <= 0f) {
                continue; // objectness bounds the product from above
            }
            float best = -1f;
            int bestC = -1;
            for (int c = 0; c < numClasses; c++) {
                float s = output.get(r + 5 + c);
                if (s > best) {
                    best = s;
                    bestC = c;
                }
            }
            float score = obj * best;
            if (score < conf || !options.keeps(bestC)) {
                continue;
            }
            float cx = output.get(r), cy = output.get(r + 1);
            float hw = output.get(r + 2) / 2f, hh = output.get(r + 3) / 2f;
            out.add(cx - hw, cy - hh, cx + hw, cy + hh, score, bestC);
        }
    }
}
