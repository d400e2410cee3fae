package dev.yolojava.core.spi;

import dev.yolojava.core.video.VideoSource;

import java.util.Map;

/**
 * A plug-in that decodes video into GPU memory ({@link dev.yolojava.core.video.VideoDecoder#NVDEC_DEVICE}),
 * found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.yolojava.core.spi.DeviceVideoSourceProvider}); the TensorRT backend has one.
 */
public interface DeviceVideoSourceProvider {

    /** @return the Maven coordinates that bring this provider, for error messages */
    String artifact();

    /**
     * Opens a file or stream whose frames are {@link dev.yolojava.core.image.DeviceImage}s on {@code gpu}.
     *
     * @param fileOrUrl     a video file or stream URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @param gpu           the CUDA device, {@code >= 0}
     * @param ffmpegOptions FFmpeg demuxer/protocol options by name
     * @return the open source
     * @throws dev.yolojava.core.InvalidImageException naming the input when it cannot be opened or decoded there
     */
    VideoSource open(String fileOrUrl, int timeoutMillis, int gpu, Map<String, String> ffmpegOptions);
}
