package dev.yolojava.core.image.internal;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.internal.IntProperty;

/** Checks shared by the decoders (the CPU ones here, nvJPEG in the TensorRT backend). */
public final class Decoding {
    /**
     * System property: the most bands one JPEG with restart markers is cut into on the CPU ({@link RestartBands}); 1
     * decodes every image whole. Default: the cores, at most 8.
     */
    public static final String BANDS_PROPERTY = "yolo.cpuDecode.bands";

    private Decoding() {
    }

    /**
     * @return how many bands a lone image's JPEG may be cut into ({@value #BANDS_PROPERTY})
     * @throws IllegalArgumentException naming the property when it is set to anything but a whole number {@code >= 1}
     */
    public static int bands() {
        return bandsFrom(System.getProperty(BANDS_PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param property the property's value, or null
     * @param cores    the cores
     * @return the bands it asks for, or the default: the cores, at most 8
     * @throws IllegalArgumentException naming the property when its value is not a whole number {@code >= 1}
     */
    static int bandsFrom(String property, int cores) {
        return IntProperty.parse(BANDS_PROPERTY, property, Math.max(1, Math.min(8, cores)), 1, Integer.MAX_VALUE);
    }

    /**
     * @return the JPEG header of {@code data}, or null when it is not a JPEG
     * @throws InvalidImageException naming the image when it is a JPEG with broken markers or cut short
     */
    public static JpegHeader checkJpeg(byte[] data, String name) {
        JpegHeader h;
        try {
            h = JpegHeader.parse(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException("corrupt JPEG " + name + ": " + e.getMessage(), e);
        }
        if (h != null && !h.complete()) {
            throw new InvalidImageException("truncated JPEG " + name + ": the file (" + data.length
                    + " bytes) ends before its end-of-image marker; it was cut off while being written or copied");
        }
        return h;
    }
}
