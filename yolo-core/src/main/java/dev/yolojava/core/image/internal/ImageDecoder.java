package dev.yolojava.core.image.internal;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.FrameAllocator;

/** Turns an encoded image into an 8-bit, 3-channel frame, upright (EXIF orientation applied). */
public interface ImageDecoder {

    /** @return a short name for logs and benchmarks ({@code opencv}, {@code imageio}) */
    String name();

    /**
     * @param data  the encoded bytes
     * @param name  the image's name for error messages
     * @param alloc where the pixels go
     * @return the frame, in memory from {@code alloc} where the decoder can write there directly
     * @throws dev.yolojava.core.InvalidImageException naming the image when it is not a readable image, or is
     *                                                 truncated
     */
    RawImage decode(byte[] data, String name, FrameAllocator alloc);

    /**
     * As {@link #decode(byte[], String, FrameAllocator)}, letting the decoder cut a JPEG that has restart markers into
     * up to {@code bands} horizontal bands decoded on several cores at once ({@link RestartBands}); decoders that do
     * not cut decode whole. Callers decoding several images at once pass 1.
     *
     * @param bands the most bands, {@code >= 1}
     */
    default RawImage decode(byte[] data, String name, FrameAllocator alloc, int bands) {
        return decode(data, name, alloc);
    }
}
