package dev.yolojava.core.internal.decode;

import java.nio.FloatBuffer;

/**
 * NMS-free end-to-end head (YOLOv10, or any model exported with NMS): {@code [B, K, 6]}, each row
 * {@code x1, y1, x2, y2, score, class}; rows past the last detection carry score 0.
 */
record EndToEndDecoder(int numClasses) implements OutputDecoder {

    @Override
    public OutputLayout layout() {
        return OutputLayout.END_TO_END;
    }

    @Override
    public boolean needsNms() {
        return false;
    }

    @Override
    public void decode(FloatBuffer output, long[] shape, int batchIndex, DecodeOptions options, Candidates out) {
        int k = (int) shape[1];
        int base = batchIndex * k * 6;
        for (int i = 0; i < k; i++) {
            int r = base + i * 6;
            float score = output.get(r + 4);
            int cls = Math.round(output.get(r + 5));
            if (score < options.confidenceThreshold() || score <= 0f || cls < 0 || !options.keeps(cls)) {
                continue;
            }
            float x1 = output.get(r), y1 = output.get(r + 1);
            out.add(x1, y1, Math.max(x1, output.get(r + 2)), Math.max(y1, output.get(r + 3)), score, cls);
        }
    }
}
