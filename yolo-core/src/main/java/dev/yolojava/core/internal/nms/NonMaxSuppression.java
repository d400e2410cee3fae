package dev.yolojava.core.internal.nms;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.internal.decode.Candidates;

import java.util.Arrays;

/**
 * Greedy non-maximum suppression, as torchvision's {@code batched_nms} does it for Ultralytics:
 * candidates sorted by score (ties keep decode order), a box suppresses lower-scored boxes of the
 * same class (any class when agnostic) whose IoU with it exceeds the threshold, and at most
 * {@code maxDetections} survive. Reuses its scratch arrays; not thread-safe.
 */
public final class NonMaxSuppression {
    /** Candidates beyond this many (by score) are not considered, as in Ultralytics ({@code max_nms}). */
    public static final int MAX_CANDIDATES = 30_000;

    private final float iouThreshold;
    private final int maxDetections;
    private final boolean agnostic;
    private long[] keys = new long[0];
    private int[] order = new int[0];
    private int[] next = new int[0];
    private int[] lastOfClass = new int[0];
    private boolean[] removed = new boolean[0];

    /**
     * @param iouThreshold  boxes overlapping more than this are suppressed, in [0, 1]
     * @param maxDetections the most boxes kept, {@code >= 1}
     * @param agnostic      suppress across classes
     */
    public NonMaxSuppression(float iouThreshold, int maxDetections, boolean agnostic) {
        if (!(iouThreshold >= 0f && iouThreshold <= 1f)) {
            throw new IllegalArgumentException("iouThreshold must be in [0, 1], got " + iouThreshold);
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("maxDetections must be >= 1, got " + maxDetections);
        }
        this.iouThreshold = iouThreshold;
        this.maxDetections = maxDetections;
        this.agnostic = agnostic;
    }

    /**
     * Runs NMS.
     *
     * @param c the candidates of one image
     * @return indices into {@code c} of the kept candidates, best first
     */
    public int[] apply(Candidates c) {
        int n = c.size();
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
            keys = new long[order.length];
            removed = new boolean[order.length];
        }
        // sort by score, best first, ties in input order: scores are >= 0, so their IEEE bits order
        // like the values; the complement sorts descending and the index breaks ties
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) ~Float.floatToIntBits(Math.max(0f, c.score(i))) << 32) | i;
        }
        Arrays.sort(keys, 0, n);
        for (int i = 0; i < n; i++) {
            order[i] = (int) keys[i];
        }
        int limit = Math.min(n, MAX_CANDIDATES);
        Arrays.fill(removed, 0, limit, false);
        // next[i]: the next position (in score order) that can suppress-compete with position i:
        // the next of the same class, or simply i + 1 when agnostic
        if (next.length < limit) {
            next = new int[order.length];
        }
        if (agnostic) {
            for (int i = 0; i < limit; i++) {
                next[i] = i + 1;
            }
        } else {
            int maxClass = 0;
            for (int i = 0; i < limit; i++) {
                maxClass = Math.max(maxClass, c.classId(order[i]));
            }
            if (lastOfClass.length <= maxClass) {
                lastOfClass = new int[maxClass + 1];
            }
            Arrays.fill(lastOfClass, 0, maxClass + 1, limit);
            for (int i = limit - 1; i >= 0; i--) {
                int cls = c.classId(order[i]);
                next[i] = lastOfClass[cls];
                lastOfClass[cls] = i;
            }
        }
        int[] keep = new int[Math.min(limit, maxDetections)];
        int kept = 0;
        for (int i = 0; i < limit && kept < keep.length; i++) {
            if (removed[i]) {
                continue;
            }
            int a = order[i];
            keep[kept++] = a;
            float ax1 = c.x1(a), ay1 = c.y1(a), ax2 = c.x2(a), ay2 = c.y2(a);
            for (int j = next[i]; j < limit; j = next[j]) {
                if (!removed[j]) {
                    int b = order[j];
                    if (BoundingBox.iou(ax1, ay1, ax2, ay2, c.x1(b), c.y1(b), c.x2(b), c.y2(b)) > iouThreshold) {
                        removed[j] = true;
                    }
                }
            }
        }
        return kept == keep.length ? keep : Arrays.copyOf(keep, kept);
    }
}
