package dev.yolojava.core.nms;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.decode.Candidates;

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
    private Integer[] order = new Integer[0];
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
     * @return indices into {@code c} of the kept candidates, best first
     */
    public int[] apply(Candidates c) {
        int n = c.size();
        if (order.length < n) {
            order = new Integer[Math.max(n, order.length * 2)];
            removed = new boolean[order.length];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, 0, n, (a, b) -> Float.compare(c.score(b), c.score(a)));
        int limit = Math.min(n, MAX_CANDIDATES);
        Arrays.fill(removed, 0, limit, false);
        int[] keep = new int[Math.min(limit, maxDetections)];
        int kept = 0;
        for (int i = 0; i < limit && kept < keep.length; i++) {
            if (removed[i]) {
                continue;
            }
            int a = order[i];
            keep[kept++] = a;
            for (int j = i + 1; j < limit; j++) {
                if (removed[j]) {
                    continue;
                }
                int b = order[j];
                if (!agnostic && c.classId(a) != c.classId(b)) {
                    continue;
                }
                if (BoundingBox.iou(c.x1(a), c.y1(a), c.x2(a), c.y2(a), c.x1(b), c.y1(b), c.x2(b), c.y2(b)) > iouThreshold) {
                    removed[j] = true;
                }
            }
        }
        return kept == keep.length ? keep : Arrays.copyOf(keep, kept);
    }
}
