package dev.yolojava.core.spi;

import dev.yolojava.core.image.Frame;

import java.util.List;

/**
 * A backend that turns encoded images (JPEG, PNG, ...) into frames itself: JPEGs on the GPU (nvJPEG) into
 * device memory its letterbox reads directly, other images on the CPU into memory it uploads from without a
 * staging copy. The detector hands such a backend the bytes instead of decoding them.
 */
public interface EncodedImageDecoding {

    /**
     * Decodes a batch. The frames stay valid until the next call of this method, or until the one after it when
     * that next call is made while these frames are in an inference {@linkplain PipelinedBackend#submitFrames
     * submitted} and not yet awaited (so the next batch can be decoded while these compute); and until a call of
     * the backend's inference methods that is not given these frames.
     *
     * @param images the encoded images, at most the detector's batch size
     * @param names  each image's name, for error messages
     * @return one frame per image, upright (EXIF orientation applied), in order
     * @throws dev.yolojava.core.InvalidImageException naming the first image that is not a readable image
     */
    List<Frame> decodeImages(List<byte[]> images, List<String> names);
}
