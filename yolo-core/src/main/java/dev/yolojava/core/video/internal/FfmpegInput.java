package dev.yolojava.core.video.internal;

import dev.yolojava.core.InvalidImageException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Opening a video input with FFmpeg's API, shared by the sources that drive it: the demuxer with its options,
 * the video stream, a decoder context for it. Each error names the input.
 *
 * @param format      the open demuxer (the caller closes it with {@code avformat_close_input})
 * @param streamIndex its video stream, which has a size
 */
public record FfmpegInput(AVFormatContext format, int streamIndex) {

    /**
     * Opens {@code fileOrUrl} and finds its video stream; on failure nothing stays open.
     *
     * @param fileOrUrl a video file or stream URL
     * @param options   FFmpeg demuxer/protocol options
     * @return the open input
     * @throws InvalidImageException naming the input when it is a missing file, cannot be opened or has no video
     *                               stream
     */
    public static FfmpegInput open(String fileOrUrl, Map<String, String> options) {
        requireExisting(fileOrUrl);
        av_log_set_level(AV_LOG_ERROR);
        AVFormatContext fmt = new AVFormatContext(null);
        AVDictionary opts = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(opts, k, v, 0));
        int r = avformat_open_input(fmt, fileOrUrl, null, opts);
        av_dict_free(opts);
        if (r < 0) {
            throw new InvalidImageException("cannot open video " + fileOrUrl + ": " + FfmpegDecodeLoop.error(r));
        }
        try {
            r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            if (r < 0) {
                throw new InvalidImageException("cannot open video " + fileOrUrl + ": reading its stream info failed: "
                        + FfmpegDecodeLoop.error(r));
            }
            int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (si < 0 || fmt.streams(si).codecpar().width() <= 0 || fmt.streams(si).codecpar().height() <= 0) {
                throw new InvalidImageException("no video stream in " + fileOrUrl);
            }
            return new FfmpegInput(fmt, si);
        } catch (RuntimeException e) {
            avformat_close_input(fmt);
            throw e;
        }
    }

    /**
     * @param fileOrUrl a video file or stream URL
     * @throws InvalidImageException naming it when it is a file that does not exist
     */
    public static void requireExisting(String fileOrUrl) {
        java.util.Objects.requireNonNull(fileOrUrl, "fileOrUrl");
        if (!dev.yolojava.core.video.FfmpegVideoSource.isUrl(fileOrUrl) && !java.nio.file.Files.isRegularFile(
                java.nio.file.Path.of(fileOrUrl))) {
            throw new InvalidImageException("video file not found: " + fileOrUrl);
        }
    }

    /** @return the video stream's codec id */
    public int codecId() {
        return format.streams(streamIndex).codecpar().codec_id();
    }

    /**
     * @param decoder the decoder for the video stream
     * @param name    the input, for messages
     * @return a decoder context with the stream's parameters and packet time base, not opened yet
     * @throws InvalidImageException when the parameters cannot be copied
     */
    public AVCodecContext decoderContext(AVCodec decoder, String name) {
        AVCodecContext ctx = avcodec_alloc_context3(decoder);
        int r = avcodec_parameters_to_context(ctx, format.streams(streamIndex).codecpar());
        if (r < 0) {
            avcodec_free_context(ctx);
            throw new InvalidImageException("copying the codec parameters of " + name + " failed: " + FfmpegDecodeLoop.error(r));
        }
        ctx.pkt_timebase(format.streams(streamIndex).time_base());
        return ctx;
    }

    /** Frees the demuxer (after a failed set-up; an open source closes it itself). */
    public void close() {
        avformat_close_input(format);
    }

    /**
     * @param status an FFmpeg status
     * @param what   what was being done, naming the input
     * @throws InvalidImageException naming it when the status is an error
     */
    public static void check(int status, String what) {
        if (status < 0) {
            throw new InvalidImageException(what + " failed: " + FfmpegDecodeLoop.error(status));
        }
    }
}
