package dev.yolojava.core.image;

/**
 * An 8-bit, 3-channel interleaved image a detector can run on: in host memory ({@link RawImage}) or
 * already on the GPU ({@link DeviceImage}, for the TensorRT backend).
 */
public sealed interface Frame permits RawImage, DeviceImage {

    /** @return width in pixels */
    int width();

    /** @return height in pixels */
    int height();

    /** @return bytes from one row to the next */
    int stride();

    /** @return channel order */
    PixelFormat format();

    /** @return bytes from the first pixel to the last one: {@code stride * (height - 1) + 3 * width} */
    default long byteLength() {
        return (long) stride() * (height() - 1) + 3L * width();
    }
}
