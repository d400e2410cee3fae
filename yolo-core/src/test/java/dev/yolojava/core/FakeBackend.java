package dev.yolojava.core;

import dev.yolojava.core.spi.InferenceBackend;
import dev.yolojava.core.spi.ModelInfo;
import dev.yolojava.core.spi.OutputTensor;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A 64x64, 2-class YOLOv8-style model with 3 anchors: anchor 0 finds class 1 in the centre of
 * the input, anchor 1 a weaker duplicate of it, anchor 2 nothing. Records what it was given.
 */
public class FakeBackend implements InferenceBackend {
    public int calls;
    public int lastBatch;
    public float firstInputValue;
    public boolean closed;
    public int closeCount;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("images", new long[]{-1, 3, 64, 64}, "output0", new long[]{-1, 6, 3},
                Map.of("names", "{0: 'cat', 1: 'dog'}"));
    }

    @Override
    public OutputTensor infer(FloatBuffer input, int batch) {
        calls++;
        lastBatch = batch;
        firstInputValue = input.get(0);
        float[] one = {
                32, 33, 0,     // cx
                32, 32, 0,     // cy
                16, 16, 0,     // w
                8, 8, 0,       // h
                0.1f, 0.1f, 0, // cat
                0.9f, 0.6f, 0.1f}; // dog
        float[] all = new float[batch * one.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(one, 0, all, b * one.length, one.length);
        }
        return new OutputTensor(FloatBuffer.wrap(all), new long[]{batch, 6, 3});
    }

    @Override
    public void close() {
        closed = true;
        closeCount++;
    }
}

