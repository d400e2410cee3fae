package dev.yolojava.core.video;

import java.util.Locale;

/** Where {@link FfmpegVideoSource} decodes video. */
public enum VideoDecoder {
    /** FFmpeg's software decoders on the CPU (the default; works everywhere). */
    CPU,
    /**
     * NVIDIA's hardware decoder (NVDEC) through FFmpeg's {@code *_cuvid} decoders: H.264, HEVC, AV1, VP8/VP9,
     * MPEG-1/2/4, VC-1 and MJPEG streams. Needs an NVIDIA driver ({@code libnvcuvid.so.1}); opening fails with
     * a clear error where it is missing or the GPU cannot decode the stream.
     */
    NVDEC,
    /** NVDEC where it opens, otherwise the CPU (logged once per source). */
    AUTO,
    /**
     * NVDEC into GPU memory: frames are NV12 {@link dev.yolojava.core.image.DeviceImage}s that a TensorRT
     * detector on the same GPU letterboxes where they are, so no pixel crosses to the host ({@code yolo-tensorrt}
     * provides it; open it with {@link VideoSources}). Frames cannot be drawn on or buffered by
     * {@link LiveVideoSource}.
     */
    NVDEC_DEVICE;

    /**
     * @param text {@code cpu}, {@code nvdec}, {@code auto} or {@code nvdec-device}, any case
     * @return the decoder
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static VideoDecoder parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("video decoder: expected cpu, nvdec, auto or nvdec-device, got '" + text + "'");
        }
    }

    /** @return the name {@link #parse} takes: {@code cpu}, {@code nvdec}, {@code auto}, {@code nvdec-device} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
