package dev.yolojava.core.internal.decode;

import java.util.Arrays;

/**
 * A growable struct-of-arrays of candidate boxes (corners in network-input pixels, score, class),
 * reused between frames so decoding allocates nothing in the steady state. Not thread-safe.
 */
public final class Candidates {
    private float[] x1 = new float[256], y1 = new float[256], x2 = new float[256], y2 = new float[256];
    private float[] score = new float[256];
    private int[] classId = new int[256];
    private int size;

    /** Empties the list, keeping its storage. */
    public void clear() {
        size = 0;
    }

    /**
     * Appends a candidate.
     *
     * @param bx1 left edge
     * @param by1 top edge
     * @param bx2 right edge
     * @param by2 bottom edge
     * @param s   score
     * @param cls class id
     */
    public void add(float bx1, float by1, float bx2, float by2, float s, int cls) {
        if (size == score.length) {
            int n = size * 2;
            x1 = Arrays.copyOf(x1, n); y1 = Arrays.copyOf(y1, n);
            x2 = Arrays.copyOf(x2, n); y2 = Arrays.copyOf(y2, n);
            score = Arrays.copyOf(score, n); classId = Arrays.copyOf(classId, n);
        }
        x1[size] = bx1; y1[size] = by1; x2[size] = bx2; y2[size] = by2;
        score[size] = s; classId[size] = cls;
        size++;
    }

    /** @return how many candidates are held */
    public int size() { return size; }
    /**
     * @param i candidate index
     * @return left edge of candidate {@code i}
     */
    public float x1(int i) { return x1[i]; }
    /**
     * @param i candidate index
     * @return top edge of candidate {@code i}
     */
    public float y1(int i) { return y1[i]; }
    /**
     * @param i candidate index
     * @return right edge of candidate {@code i}
     */
    public float x2(int i) { return x2[i]; }
    /**
     * @param i candidate index
     * @return bottom edge of candidate {@code i}
     */
    public float y2(int i) { return y2[i]; }
    /**
     * @param i candidate index
     * @return score of candidate {@code i}
     */
    public float score(int i) { return score[i]; }
    /**
     * @param i candidate index
     * @return class of candidate {@code i}
     */
    public int classId(int i) { return classId[i]; }
}
