package dev.yolojava.core.spi;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend read from the model: tensor names and shapes (dynamic dimensions as -1) and the
 * custom metadata (Ultralytics stores {@code names}, {@code imgsz}, {@code stride} there).
 *
 * @param inputName   the image input's name
 * @param inputShape  NCHW shape of the input
 * @param outputName  the detection output's name
 * @param outputShape the output's shape
 * @param metadata    custom metadata, possibly empty
 */
public record ModelInfo(String inputName, long[] inputShape, String outputName, long[] outputShape,
                        Map<String, String> metadata) {

    /**
     * Validates the input is NCHW with 3 channels.
     *
     * @param inputName   the image input's name
     * @param inputShape  NCHW shape of the input
     * @param outputName  the detection output's name
     * @param outputShape the output's shape
     * @param metadata    custom metadata, possibly empty
     */
    public ModelInfo {
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(outputName, "outputName");
        inputShape = inputShape.clone();
        outputShape = outputShape.clone();
        metadata = Map.copyOf(metadata);
        if (inputShape.length != 4 || (inputShape[1] != 3 && inputShape[1] != -1)) {
            throw dev.yolojava.core.ShapeMismatchException.of("model input '" + inputName + "'",
                    "[N, 3, H, W]", inputShape);
        }
    }

    /** @return a copy of the input shape */
    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** @return a copy of the output shape */
    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** @return input height, or -1 when dynamic */
    public int inputHeight() {
        return (int) inputShape[2];
    }

    /** @return input width, or -1 when dynamic */
    public int inputWidth() {
        return (int) inputShape[3];
    }

    @Override
    public String toString() {
        return "ModelInfo[" + inputName + Arrays.toString(inputShape) + " -> " + outputName
                + Arrays.toString(outputShape) + ", metadata keys " + metadata.keySet() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInfo m && inputName.equals(m.inputName) && outputName.equals(m.outputName)
                && Arrays.equals(inputShape, m.inputShape) && Arrays.equals(outputShape, m.outputShape)
                && metadata.equals(m.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputName, outputName, Arrays.hashCode(inputShape), Arrays.hashCode(outputShape), metadata);
    }
}
