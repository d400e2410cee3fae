package dev.yolojava.core.internal.decode;

/**
 * What a decoder keeps.
 *
 * @param confidenceThreshold minimum score, in [0, 1]
 * @param classFilter         {@code classFilter[c]} false drops class {@code c}; null keeps all
 */
public record DecodeOptions(float confidenceThreshold, boolean[] classFilter) {

    /**
     * Validates the threshold and copies the filter.
     *
     * @param confidenceThreshold minimum score, in [0, 1]
     * @param classFilter         {@code classFilter[c]} false drops class {@code c}; null keeps all
     */
    public DecodeOptions {
        if (!(confidenceThreshold >= 0f && confidenceThreshold <= 1f)) {
            throw new IllegalArgumentException("confidenceThreshold must be in [0, 1], got " + confidenceThreshold);
        }
        classFilter = classFilter == null ? null : classFilter.clone();
    }

    /** @return a copy of the per-class filter, or null when every class is kept */
    @Override
    public boolean[] classFilter() {
        return classFilter == null ? null : classFilter.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodeOptions d && Float.compare(confidenceThreshold, d.confidenceThreshold) == 0
                && java.util.Arrays.equals(classFilter, d.classFilter);
    }

    @Override
    public int hashCode() {
        return 31 * Float.hashCode(confidenceThreshold) + java.util.Arrays.hashCode(classFilter);
    }

    @Override
    public String toString() {
        return "DecodeOptions[confidenceThreshold=" + confidenceThreshold + ", classFilter="
                + java.util.Arrays.toString(classFilter) + "]";
    }

    /**
     * @param c a class id
     * @return whether class {@code c} is kept
     */
    public boolean keeps(int c) {
        return classFilter == null || (c < classFilter.length && classFilter[c]);
    }
}
