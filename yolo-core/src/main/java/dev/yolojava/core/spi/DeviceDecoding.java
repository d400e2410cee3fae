package dev.yolojava.core.spi;

import dev.yolojava.core.internal.decode.Candidates;

/**
 * A backend that can decode and run NMS on the device, so only the kept boxes are copied back
 * instead of the whole raw output. The detector offers it the decoding settings once; when the
 * backend accepts, each later call's boxes are read with {@link #deviceDetections}.
 */
public interface DeviceDecoding extends InferenceBackend {

    /**
     * Offers to decode on the device for every later call.
     *
     * @param spec the decoder and NMS settings
     * @return whether the backend will (false: it keeps returning the raw output only)
     */
    boolean enableDeviceDecoding(DeviceDecodeSpec spec);

    /**
     * Appends the kept boxes of image {@code image} of the last call to {@code out}: corners in
     * network-input pixels, best first, already de-duplicated. Safe to call for different images
     * from different threads.
     *
     * @param image the image's index in the last call's batch
     * @param out   where the boxes are appended
     * @return false, having appended nothing, when the device could not decode this image (too many candidates): the raw
     *         output the call returned holds it, and the caller decodes it itself
     */
    boolean deviceDetections(int image, Candidates out);
}
