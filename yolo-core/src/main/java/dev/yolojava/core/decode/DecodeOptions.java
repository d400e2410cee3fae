package dev.yolojava.core.decode;

/**
 * What a decoder keeps.
 *
 * @param confidenceThreshold minimum score, in [0, 1]
 * @param classFilter         {@code classFilter[c]} false drops class {@code c}; null keeps all
 */
public record DecodeOptions(float confidenceThreshold, boolean[] classFilter) {

    /**
     * Validates the threshold.
     *
     * @param confidenceThreshold minimum score, in [0, 1]
     * @param classFilter         {@code classFilter[c]} false drops class {@code c}; null keeps all
     */
    public DecodeOptions {
        if (!(confidenceThreshold >= 0f && confidenceThreshold <= 1f)) {
            throw new IllegalArgumentException("confidenceThreshold must be in [0, 1], got " + confidenceThreshold);
        }
    }

    /**
     * @param c a class id
     * @return whether class {@code c} is kept
     */
    public boolean keeps(int c) {
        return classFilter == null || (c < classFilter.length && classFilter[c]);
    }
}
