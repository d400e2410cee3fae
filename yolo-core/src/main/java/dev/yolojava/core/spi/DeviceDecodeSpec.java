package dev.yolojava.core.spi;

import dev.yolojava.core.internal.decode.OutputLayout;

/**
 * What a {@link DeviceDecoding} backend must reproduce on the device: the detector's decoder and
 * NMS settings, so its boxes equal the CPU path's.
 *
 * @param layout              the model's output layout
 * @param numClasses          classes scored by the output
 * @param confidenceThreshold minimum score kept
 * @param iouThreshold        NMS IoU threshold
 * @param maxDetections       most boxes kept per image
 * @param agnostic            suppress across classes
 * @param classFilter         per class id, whether it is kept; null keeps all
 */
public record DeviceDecodeSpec(OutputLayout layout, int numClasses, float confidenceThreshold, float iouThreshold,
                               int maxDetections, boolean agnostic, boolean[] classFilter) {

    /**
     * Copies the filter.
     *
     * @param layout              the model's output layout
     * @param numClasses          classes scored by the output
     * @param confidenceThreshold minimum score kept
     * @param iouThreshold        NMS IoU threshold
     * @param maxDetections       most boxes kept per image
     * @param agnostic            suppress across classes
     * @param classFilter         per class id, whether it is kept; null keeps all
     */
    public DeviceDecodeSpec {
        classFilter = classFilter == null ? null : classFilter.clone();
    }

    /** @return a copy of the per-class filter, or null when every class is kept */
    @Override
    public boolean[] classFilter() {
        return classFilter == null ? null : classFilter.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceDecodeSpec d && layout == d.layout && numClasses == d.numClasses
                && Float.compare(confidenceThreshold, d.confidenceThreshold) == 0
                && Float.compare(iouThreshold, d.iouThreshold) == 0 && maxDetections == d.maxDetections
                && agnostic == d.agnostic && java.util.Arrays.equals(classFilter, d.classFilter);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(layout, numClasses, confidenceThreshold, iouThreshold, maxDetections, agnostic,
                java.util.Arrays.hashCode(classFilter));
    }

    @Override
    public String toString() {
        return "DeviceDecodeSpec[" + layout + ", " + numClasses + " classes, conf " + confidenceThreshold + ", iou "
                + iouThreshold + ", max " + maxDetections + (agnostic ? ", agnostic" : "") + ", classFilter "
                + java.util.Arrays.toString(classFilter) + "]";
    }
}
