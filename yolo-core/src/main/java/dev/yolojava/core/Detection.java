package dev.yolojava.core;

/**
 * One detected object.
 *
 * @param classId index of the class in the model's class list
 * @param label   human-readable class name (from the model metadata, else COCO-80)
 * @param score   confidence in [0, 1]
 * @param box     the box in the original image's pixel coordinates, clipped to its bounds
 */
public record Detection(int classId, String label, float score, BoundingBox box) {

    /**
     * Validates the fields.
     *
     * @param classId index of the class in the model's class list
     * @param label   human-readable class name (from the model metadata, else COCO-80)
     * @param score   confidence in [0, 1]
     * @param box     the box in the original image's pixel coordinates, clipped to its bounds
     */
    public Detection {
        if (classId < 0) {
            throw new IllegalArgumentException("classId must be >= 0, got " + classId);
        }
        if (label == null || box == null) {
            throw new IllegalArgumentException("label and box must not be null");
        }
    }

    @Override
    public String toString() {
        return String.format("%s (%d) %.3f [%.1f, %.1f, %.1f, %.1f]",
                label, classId, score, box.x1(), box.y1(), box.x2(), box.y2());
    }
}
