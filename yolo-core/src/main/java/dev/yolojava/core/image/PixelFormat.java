package dev.yolojava.core.image;

/** Channel order of an interleaved 8-bit, 3-channel frame. */
public enum PixelFormat {
    /** red, green, blue: what most decoders produce */
    RGB,
    /** blue, green, red: what OpenCV and many camera pipelines produce */
    BGR;

    /** @return the byte offset of red within a pixel */
    public int redOffset() {
        return this == RGB ? 0 : 2;
    }

    /** @return the byte offset of blue within a pixel */
    public int blueOffset() {
        return this == RGB ? 2 : 0;
    }
}
