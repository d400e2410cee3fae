package dev.yolojava.core.video;

import dev.yolojava.core.spi.DeviceVideoSourceProvider;

import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/** Opens a video file or stream with any {@link VideoDecoder}, GPU-memory decoding included. */
public final class VideoSources {
    private VideoSources() {
    }

    /**
     * Opens a file or URL decoded where {@code decoder} says: {@link FfmpegVideoSource} for CPU, NVDEC and AUTO
     * (frames in host memory), the GPU backend's source for {@link VideoDecoder#NVDEC_DEVICE} (frames in GPU
     * memory, for a detector on the same GPU).
     *
     * @param fileOrUrl     a video file or stream URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @param decoder       where to decode
     * @param gpu           the CUDA device NVDEC decodes on, {@code >= 0}
     * @param ffmpegOptions FFmpeg demuxer/protocol options by name
     * @return the open source
     * @throws dev.yolojava.core.InvalidImageException naming the input when it cannot be opened
     * @throws IllegalStateException for NVDEC_DEVICE when no GPU backend that provides it is on the class path
     */
    public static VideoSource open(String fileOrUrl, int timeoutMillis, VideoDecoder decoder, int gpu,
                                   Map<String, String> ffmpegOptions) {
        Objects.requireNonNull(decoder, "decoder");
        if (decoder != VideoDecoder.NVDEC_DEVICE) {
            return FfmpegVideoSource.open(fileOrUrl, timeoutMillis, decoder, gpu, ffmpegOptions);
        }
        if (gpu < 0) {
            throw new IllegalArgumentException("gpu: expected >= 0, got " + gpu);
        }
        for (DeviceVideoSourceProvider p : ServiceLoader.load(DeviceVideoSourceProvider.class)) {
            return p.open(fileOrUrl, timeoutMillis, gpu, ffmpegOptions);
        }
        throw new IllegalStateException("video decoder nvdec-device needs a GPU backend that decodes into GPU memory:"
                + " add dev.yolojava:yolo-tensorrt to the class path, or use the nvdec decoder (frames in host memory)");
    }

    /**
     * As {@link #open(String, int, VideoDecoder, int, Map)} without FFmpeg options.
     *
     * @param fileOrUrl     a video file or stream URL
     * @param timeoutMillis how long a network stream may stay silent
     * @param decoder       where to decode
     * @param gpu           the CUDA device NVDEC decodes on
     * @return the open source
     */
    public static VideoSource open(String fileOrUrl, int timeoutMillis, VideoDecoder decoder, int gpu) {
        return open(fileOrUrl, timeoutMillis, decoder, gpu, Map.of());
    }
}
