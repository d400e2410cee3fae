package dev.yolojava.core;

/**
 * An axis-aligned box in pixel coordinates, corners {@code (x1, y1)} (top-left, inclusive) and
 * {@code (x2, y2)} (bottom-right, exclusive).
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge, {@code >= x1}
 * @param y2 bottom edge, {@code >= y1}
 */
public record BoundingBox(float x1, float y1, float x2, float y2) {

    /**
     * Checks the corners are ordered and finite.
     *
     * @param x1 left edge
     * @param y1 top edge
     * @param x2 right edge, {@code >= x1}
     * @param y2 bottom edge, {@code >= y1}
     */
    public BoundingBox {
        if (!(Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2))) {
            throw new IllegalArgumentException("box corners must be finite, got " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
        if (x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("box corners out of order: expected x1<=x2 and y1<=y2, got ("
                    + x1 + "," + y1 + ")-(" + x2 + "," + y2 + ")");
        }
    }

    /**
     * Builds a box from its center, width and height (the YOLO {@code cxcywh} form).
     *
     * @param cx center x
     * @param cy center y
     * @param w  width
     * @param h  height
     * @return the box with corners {@code (cx - w/2, cy - h/2)} and {@code (cx + w/2, cy + h/2)}
     */
    public static BoundingBox fromCenter(float cx, float cy, float w, float h) {
        float hw = Math.max(0f, w) / 2f;
        float hh = Math.max(0f, h) / 2f;
        return new BoundingBox(cx - hw, cy - hh, cx + hw, cy + hh);
    }

    /** @return the width, {@code x2 - x1} */
    public float width() {
        return x2 - x1;
    }

    /** @return the height, {@code y2 - y1} */
    public float height() {
        return y2 - y1;
    }

    /** @return the area, {@code width * height} */
    public float area() {
        return width() * height();
    }

    /**
     * @param other the other box
     * @return intersection over union with {@code other}, in [0, 1]; 0 when both are empty
     */
    public float iou(BoundingBox other) {
        return iou(x1, y1, x2, y2, other.x1, other.y1, other.x2, other.y2);
    }

    /**
     * Intersection over union of two boxes given by their corners.
     *
     * @param ax1 left of box a
     * @param ay1 top of box a
     * @param ax2 right of box a
     * @param ay2 bottom of box a
     * @param bx1 left of box b
     * @param by1 top of box b
     * @param bx2 right of box b
     * @param by2 bottom of box b
     * @return the IoU in [0, 1]; 0 when the union is empty
     */
    public static float iou(float ax1, float ay1, float ax2, float ay2,
                            float bx1, float by1, float bx2, float by2) {
        float iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        float ih = Math.min(ay2, by2) - Math.max(ay1, by1);
        if (iw <= 0f || ih <= 0f) {
            return 0f;
        }
        float inter = iw * ih;
        float union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
        return union <= 0f ? 0f : inter / union;
    }

    /**
     * @param width  the image width
     * @param height the image height
     * @return this box clipped to {@code [0, width] x [0, height]}
     */
    public BoundingBox clip(float width, float height) {
        float cx1 = clamp(x1, width), cy1 = clamp(y1, height);
        float cx2 = clamp(x2, width), cy2 = clamp(y2, height);
        return new BoundingBox(cx1, cy1, Math.max(cx1, cx2), Math.max(cy1, cy2));
    }

    private static float clamp(float v, float max) {
        return Math.max(0f, Math.min(max, v));
    }
}
