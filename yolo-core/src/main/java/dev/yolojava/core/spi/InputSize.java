package dev.yolojava.core.spi;

import dev.yolojava.core.ShapeMismatchException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image size a model runs at: its fixed input height and width, or for a model whose height and
 * width are dynamic, the size the user asked for, else the {@code imgsz} the exporter recorded in the
 * metadata (Ultralytics writes {@code [640, 640]}, height first).
 *
 * @param width  input width in pixels
 * @param height input height in pixels
 */
public record InputSize(int width, int height) {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /**
     * Checks both sides are positive.
     *
     * @param width  input width in pixels
     * @param height input height in pixels
     */
    public InputSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
    }

    /**
     * @param inputShape      the model's NCHW input shape, dynamic dimensions negative
     * @param metadata        the model's custom metadata
     * @param requestedWidth  the width asked for ({@link BackendOptions#inputWidth()}), 0 for none
     * @param requestedHeight the height asked for, 0 for none
     * @param model           the model, for messages
     * @return the size to run at
     * @throws ShapeMismatchException when a size was asked for that a fixed input does not have, or a
     *                                dynamic input has neither a requested size nor {@code imgsz} metadata
     */
    public static InputSize resolve(long[] inputShape, Map<String, String> metadata, int requestedWidth,
                                    int requestedHeight, String model) {
        long h = inputShape.length == 4 ? inputShape[2] : -1, w = inputShape.length == 4 ? inputShape[3] : -1;
        boolean requested = requestedWidth > 0 && requestedHeight > 0;
        if (h > 0 && w > 0) {
            if (requested && (requestedWidth != w || requestedHeight != h)) {
                throw new ShapeMismatchException("input size of " + model + ": expected " + w + "x" + h
                        + " (the model's input is fixed), got " + requestedWidth + "x" + requestedHeight);
            }
            return new InputSize((int) w, (int) h);
        }
        if (requested) {
            return new InputSize(requestedWidth, requestedHeight);
        }
        InputSize meta = fromMetadata(metadata.get("imgsz"));
        if (meta != null) {
            return new InputSize(w > 0 ? (int) w : meta.width(), h > 0 ? (int) h : meta.height());
        }
        throw new ShapeMismatchException("input size of " + model + ": the model's input height and width are dynamic"
                + " and its metadata has no imgsz: expected an input size (inputSize(w, h), CLI --imgsz), got none");
    }

    /**
     * @param imgsz Ultralytics' {@code imgsz} metadata: {@code [h, w]} or a single number
     * @return the size, or null when the text holds no positive size
     */
    static InputSize fromMetadata(String imgsz) {
        if (imgsz == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(imgsz);
        int[] v = new int[2];
        int n = 0;
        while (m.find() && n < 2) {
            try {
                v[n++] = Integer.parseInt(m.group());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (n == 0 || v[0] <= 0 || (n == 2 && v[1] <= 0)) {
            return null;
        }
        return n == 1 ? new InputSize(v[0], v[0]) : new InputSize(v[1], v[0]);
    }
}
