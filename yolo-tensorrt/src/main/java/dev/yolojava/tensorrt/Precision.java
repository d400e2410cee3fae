package dev.yolojava.tensorrt;

import java.util.Locale;

/** Engine precision. FP16 is the default where the GPU has fast FP16. */
public enum Precision {
    /** full float32 */
    FP32,
    /** float16 where TensorRT finds it faster (with float32 fallback) */
    FP16,
    /** int8 with calibration over a folder of images (falls back to FP16 per layer) */
    INT8;

    /**
     * @param text "fp32", "fp16" or "int8", any case
     * @return the precision
     * @throws IllegalArgumentException naming the option and the accepted values
     */
    public static Precision parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensorrt.precision: expected fp32, fp16 or int8, got '" + text + "'");
        }
    }
}
