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
    AUTO;

    /**
     * @param text {@code cpu}, {@code nvdec} or {@code auto}, any case
     * @return the decoder
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static VideoDecoder parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("video decoder: expected cpu, nvdec or auto, got '" + text + "'");
        }
    }
}
