package dev.yolojava.core.image.internal;

import dev.yolojava.core.InvalidImageException;

/** Checks shared by the decoders (the CPU ones here, nvJPEG in the TensorRT backend). */
public final class Decoding {
    private Decoding() {
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
