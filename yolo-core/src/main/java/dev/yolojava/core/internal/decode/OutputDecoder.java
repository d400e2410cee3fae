package dev.yolojava.core.internal.decode;

import java.nio.FloatBuffer;

/**
 * Turns one image's slice of a raw model output into candidate boxes in network-input pixels.
 * Implementations are stateless and thread-safe; {@link OutputLayout#decoderFor} picks one.
 */
public interface OutputDecoder {

    /** @return the layout this decoder reads */
    OutputLayout layout();

    /** @return how many classes the output scores */
    int numClasses();

    /** @return whether the output is already de-duplicated (NMS-free or exported with NMS) */
    default boolean needsNms() {
        return true;
    }

    /**
     * Decodes image {@code batchIndex} of {@code output}, appending to {@code out}.
     *
     * @param output  the whole output tensor, row-major
     * @param shape      its shape, as checked by {@link OutputLayout#detect}
     * @param batchIndex which image of the batch
     * @param options    threshold and class filter
     * @param out        where the candidates are appended
     */
    void decode(FloatBuffer output, long[] shape, int batchIndex, DecodeOptions options, Candidates out);
}
