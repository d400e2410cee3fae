package dev.yolojava.core.internal.decode;

import dev.yolojava.core.ShapeMismatchException;


/** The output layouts this SDK decodes, told apart by the output shape and the class count. */
public enum OutputLayout {
    /** YOLOv8 / YOLO11: {@code [B, 4 + C, N]} */
    YOLOV8,
    /** YOLOv5: {@code [B, N, 5 + C]} with objectness */
    YOLOV5,
    /** NMS-free / exported with NMS: {@code [B, K, 6]} = x1, y1, x2, y2, score, class */
    END_TO_END;

    private static final String KNOWN = "[B, 4+C, N] (YOLOv8/11), [B, N, 5+C] (YOLOv5) or [B, K, 6] (end-to-end)";

    /**
     * Works out the layout of an output tensor.
     *
     * @param shape      the output's shape; the batch may be -1 (dynamic), the other dimensions not
     * @param numClasses the class count from the model's metadata, or -1 when unknown
     * @return the decoder for it
     * @throws ShapeMismatchException with "expected ..., got ..." when no known layout fits
     */
    public static OutputDecoder detect(long[] shape, int numClasses) {
        if (shape == null || shape.length != 3 || shape[1] <= 0 || shape[2] <= 0) {
            throw ShapeMismatchException.of("model output", "a rank-3 tensor " + KNOWN, shape == null ? new long[0] : shape);
        }
        long a = shape[1], b = shape[2];
        if (numClasses > 0) {
            boolean v8 = a == 4 + numClasses, v5 = b == 5 + numClasses;
            if (v8 && (!v5 || b > a)) {
                return new Yolov8Decoder(numClasses);
            }
            if (v5) {
                return new Yolov5Decoder(numClasses);
            }
            if (b == 6) {
                return new EndToEndDecoder(numClasses);
            }
            throw ShapeMismatchException.of("model output with " + numClasses + " classes",
                    "[B, " + (4 + numClasses) + ", N], [B, N, " + (5 + numClasses) + "] or [B, K, 6]", shape);
        }
        if (b == 6) {
            return new EndToEndDecoder(80);
        }
        if (a > 4 && b > a) {
            return new Yolov8Decoder((int) a - 4);
        }
        if (b > 5 && a > b) {
            return new Yolov5Decoder((int) b - 5);
        }
        throw ShapeMismatchException.of("model output", KNOWN, shape);
    }

    /**
     * @param numClasses how many classes the model scores
     * @return the decoder for this layout and class count, without looking at a shape
     */
    public OutputDecoder decoderFor(int numClasses) {
        return switch (this) {
            case YOLOV8 -> new Yolov8Decoder(numClasses);
            case YOLOV5 -> new Yolov5Decoder(numClasses);
            case END_TO_END -> new EndToEndDecoder(numClasses);
        };
    }
}
