package dev.yolojava.core.video.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG1VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG2VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VC1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;

/** FFmpeg's NVDEC decoder for each codec NVDEC reads. */
public final class CuvidDecoders {
    private CuvidDecoders() {
    }

    /**
     * @param codecId an FFmpeg {@code AV_CODEC_ID_*}
     * @return the {@code *_cuvid} decoder's name, or null when NVDEC does not read that codec
     */
    public static String forCodec(int codecId) {
        if (codecId == AV_CODEC_ID_H264) {
            return "h264_cuvid";
        } else if (codecId == AV_CODEC_ID_HEVC) {
            return "hevc_cuvid";
        } else if (codecId == AV_CODEC_ID_AV1) {
            return "av1_cuvid";
        } else if (codecId == AV_CODEC_ID_VP9) {
            return "vp9_cuvid";
        } else if (codecId == AV_CODEC_ID_VP8) {
            return "vp8_cuvid";
        } else if (codecId == AV_CODEC_ID_MPEG4) {
            return "mpeg4_cuvid";
        } else if (codecId == AV_CODEC_ID_MPEG2VIDEO) {
            return "mpeg2_cuvid";
        } else if (codecId == AV_CODEC_ID_MPEG1VIDEO) {
            return "mpeg1_cuvid";
        } else if (codecId == AV_CODEC_ID_VC1) {
            return "vc1_cuvid";
        } else if (codecId == AV_CODEC_ID_MJPEG) {
            return "mjpeg_cuvid";
        }
        return null;
    }
}
