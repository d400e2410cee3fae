package dev.yolojava.core.video.internal;

import dev.yolojava.core.InvalidImageException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * A video file or stream decoded by FFmpeg's API directly (demuxer; the software decoder on all cores, or NVDEC
 * through a {@code *_cuvid} decoder whose frames come back to host memory; swscale into 8-bit BGR written straight
 * into the caller's buffer). Unlike JavaCV's grabber it takes no
 * process-wide lock while it opens or closes, so a stream that waits for its network (a camera reconnecting,
 * an RTSP listener) does not hold up every other source in the JVM.
 */
public final class FfmpegBgrStream implements AutoCloseable {
    private final String name;
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final int streamIndex;
    private final StreamTiming timing;
    private final String codecName;
    private final int codecId;
    private final int width;
    private final int height;
    private final FfmpegDecodeLoop loop;
    private final AVFrame frame = av_frame_alloc();
    private SwsContext scaler;
    /** swscale's destination planes and strides, set per frame (one plane: BGR). */
    private final PointerPointer<BytePointer> planes = new PointerPointer<>(4);
    private final IntPointer strides = new IntPointer(4);
    private boolean closed;

    private FfmpegBgrStream(String name, AVFormatContext format, int streamIndex, AVCodecContext codec, String codecName) {
        this.name = name;
        this.format = format;
        this.streamIndex = streamIndex;
        this.codec = codec;
        this.codecName = codecName;
        this.loop = new FfmpegDecodeLoop(name, format, codec, streamIndex);
        this.codecId = codec.codec_id();
        this.width = codec.width();
        this.height = codec.height();
        this.timing = StreamTiming.of(format, streamIndex);
    }

    /**
     * Opens a file or URL and its video stream's software decoder.
     *
     * @param fileOrUrl a video file or stream URL (checked to exist by the caller when a file)
     * @param options   FFmpeg demuxer/protocol options
     * @return the open stream
     * @throws InvalidImageException naming the input when it cannot be opened, has no video, or no decoder
     */
    public static FfmpegBgrStream open(String fileOrUrl, Map<String, String> options) {
        FfmpegInput in = FfmpegInput.open(fileOrUrl, options);
        try {
            return open(in, fileOrUrl, null, 0);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens the video stream of an open input with the decoder named {@code decoderName} (an NVDEC {@code *_cuvid}
     * decoder on GPU {@code gpu}, whose frames FFmpeg copies to host memory as NV12), or the stream's software
     * decoder when null. The stream owns {@code in} from then on; where the decoder cannot be opened, {@code in}
     * stays open (and the caller's), so another decoder can be tried on it without opening the input again.
     *
     * @param in          the open input
     * @param fileOrUrl   its file or URL, for messages
     * @param decoderName FFmpeg's name of the decoder, or null for the codec's software decoder on all cores
     * @param gpu         for a {@code *_cuvid} decoder, the CUDA device (its {@code gpu} option)
     * @return the open stream
     * @throws InvalidImageException naming the input (and the decoder) when the decoder is missing or refuses to
     *                               open (no GPU, say)
     */
    public static FfmpegBgrStream open(FfmpegInput in, String fileOrUrl, String decoderName, int gpu) {
        AVCodecContext ctx = null;
        AVDictionary decoderOptions = new AVDictionary(null);
        try {
            AVCodec decoder = decoderName != null ? avcodec_find_decoder_by_name(decoderName) : avcodec_find_decoder(in.codecId());
            if (decoder == null || decoder.isNull()) {
                throw new InvalidImageException("cannot decode " + fileOrUrl + ": this FFmpeg build has no "
                        + (decoderName != null ? decoderName + " decoder" : "decoder for codec id " + in.codecId()));
            }
            ctx = in.decoderContext(decoder, fileOrUrl);
            if (decoderName != null && decoderName.endsWith("_cuvid")) {
                av_dict_set(decoderOptions, "gpu", String.valueOf(gpu), 0);
            } else {
                ctx.thread_count(0); // as many decoding threads as cores
            }
            String what = decoder.name().getString();
            FfmpegInput.check(avcodec_open2(ctx, decoder, decoderOptions), "opening the " + what + " decoder for " + fileOrUrl);
            return new FfmpegBgrStream(fileOrUrl, in.format(), in.streamIndex(), ctx, what);
        } catch (RuntimeException e) {
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            throw e;
        } finally {
            av_dict_free(decoderOptions);
        }
    }

    /**
     * @param codecId an FFmpeg codec id
     * @return the name of its software decoder, or FFmpeg's name of the codec where this build decodes it with none
     */
    public static String softwareDecoderName(int codecId) {
        AVCodec d = avcodec_find_decoder(codecId);
        return d == null || d.isNull() ? org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(codecId).getString()
                : d.name().getString();
    }

    /** @return the codec's FFmpeg id */
    public int codecId() {
        return codecId;
    }

    /** @return the decoder's name, e.g. {@code h264} or {@code h264_cuvid} */
    public String codecName() {
        return codecName;
    }

    /** @return frame width (also after close) */
    public int width() {
        return width;
    }

    /** @return frame height (also after close) */
    public int height() {
        return height;
    }

    /** @return frames per second the stream declares, or 0 */
    public double frameRate() {
        return timing.frameRate();
    }

    /** @return the frame count the container declares (or its duration times the rate), or 0 when unknown */
    public long declaredFrames() {
        return timing.declaredFrames();
    }

    /** @return packets the decoder refused (corrupt data), skipped */
    public long corruptPackets() {
        return loop.corruptPackets();
    }

    /**
     * Decodes the next frame and writes it as 8-bit BGR, {@code 3 * width} bytes a row, into {@code dst}.
     *
     * @param dst a direct buffer of at least {@code 3 * width * height} bytes from its position
     * @param at  the frame's index, for messages
     * @return its presentation time in microseconds from the start of the stream, or -1 at the end
     * @throws InvalidImageException naming the stream when it breaks off or the frame size changes
     */
    public long nextBgr(ByteBuffer dst, long at) {
        if (closed) {
            throw new IllegalStateException("video " + name + " is closed");
        }
        if (!loop.next(frame, at)) {
            return -1;
        }
        int w = width(), h = height();
        if (frame.width() != w || frame.height() != h) {
            throw new InvalidImageException("video " + name + ": frame " + at + " is " + frame.width() + "x" + frame.height()
                    + ", the stream " + w + "x" + h + " (size changes mid-stream are not supported)");
        }
        scaler = sws_getCachedContext(scaler, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (scaler == null || scaler.isNull()) {
            throw new InvalidImageException("video " + name + ": no conversion from pixel format " + frame.format() + " to BGR");
        }
        planes.put(0, new BytePointer(dst).position(dst.position())); // the ring slot's buffer, wrapped (no copy)
        strides.put(0, 3 * w);
        sws_scale(scaler, frame.data(), frame.linesize(), 0, h, planes, strides);
        long pts = frame.best_effort_timestamp();
        return timing.micros(pts);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_frame_free(frame);
        loop.close();
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        planes.close();
        strides.close();
        avcodec_free_context(codec);
        avformat_close_input(format);
    }
}
