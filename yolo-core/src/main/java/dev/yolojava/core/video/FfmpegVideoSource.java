package dev.yolojava.core.video;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.video.internal.CuvidDecoders;
import dev.yolojava.core.video.internal.FfmpegBgrStream;
import dev.yolojava.core.video.internal.FfmpegInput;
import dev.yolojava.core.video.internal.FfmpegOptions;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * Video files ({@code .mp4}, {@code .avi}, {@code .mkv}, ...) and network streams ({@code rtsp://},
 * {@code http(s)://}) decoded on the CPU by FFmpeg (the JavaCPP ffmpeg preset's API, all cores) into 8-bit BGR
 * frames, converted straight into one of {@link #FRAMES_KEPT} buffers used in turn, so a few frames can be in
 * flight in a pipeline while the next ones decode. A network stream that sends nothing for {@code timeout} fails
 * with an error instead of waiting forever, and a source waiting in its open (a camera reconnecting, an RTSP
 * listener) holds up no other source. With {@link VideoDecoder#NVDEC} the GPU's hardware decoder decodes
 * (FFmpeg's {@code *_cuvid} decoders through the same API); FFmpeg copies its NV12 output to the host and
 * swscale converts it to BGR on the CPU, so the pixels still cross to the host once
 * ({@link VideoDecoder#NVDEC_DEVICE} keeps them on the GPU).
 */
public final class FfmpegVideoSource implements VideoSource {
    /** Frames whose pixels stay valid at once. */
    public static final int FRAMES_KEPT = 4;
    /** FFmpeg's API directly, decoding (on the CPU or NVDEC) and converting into the ring's buffers. */
    private final FfmpegBgrStream stream;
    private final String name;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FfmpegVideoSource.class);
    private final FrameRing ring = new FrameRing(FRAMES_KEPT);
    private final String decoderName;
    private long index;
    private boolean closed;

    private FfmpegVideoSource(FfmpegBgrStream stream, String name, String decoderName) {
        this.stream = stream;
        this.name = name;
        this.decoderName = decoderName;
    }

    /**
     * Opens a file or URL.
     *
     * @param fileOrUrl     a video file, or an {@code rtsp://}, {@code http://}, {@code https://} URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @return the open source
     * @throws InvalidImageException naming the input when the file is missing or nothing decodable is there
     */
    public static FfmpegVideoSource open(String fileOrUrl, int timeoutMillis) {
        return open(fileOrUrl, timeoutMillis, VideoDecoder.CPU, 0);
    }

    /**
     * Opens a file or URL, decoding where {@code decoder} says. The input is opened once; for NVDEC its codec picks
     * the matching {@code *_cuvid} decoder, and AUTO falls back to the CPU decoder on the same input.
     *
     * @param fileOrUrl     a video file or stream URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @param decoder       CPU, NVDEC, or AUTO (NVDEC where it opens, else the CPU)
     * @param gpu           the CUDA device NVDEC decodes on, {@code >= 0}
     * @return the open source
     * @throws InvalidImageException naming the input when it cannot be opened, or, for NVDEC, naming the codec
     *                               and the reason when the hardware decoder cannot take it
     */
    public static FfmpegVideoSource open(String fileOrUrl, int timeoutMillis, VideoDecoder decoder, int gpu) {
        return open(fileOrUrl, timeoutMillis, decoder, gpu, java.util.Map.of());
    }

    /**
     * As {@link #open(String, int, VideoDecoder, int)}, with FFmpeg demuxer/protocol options on top of the ones
     * set here (they win), e.g. {@code rtsp_flags=listen} to receive a stream an encoder pushes to this
     * address (RTSP ANNOUNCE/RECORD) instead of pulling one from a server.
     *
     * @param fileOrUrl     a video file or stream URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @param decoder       CPU, NVDEC, or AUTO
     * @param gpu           the CUDA device NVDEC decodes on, {@code >= 0}
     * @param ffmpegOptions FFmpeg options by name (see {@code ffmpeg -h demuxer=rtsp} and the protocols' docs)
     * @return the open source
     */
    public static FfmpegVideoSource open(String fileOrUrl, int timeoutMillis, VideoDecoder decoder, int gpu,
                                         java.util.Map<String, String> ffmpegOptions) {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(ffmpegOptions, "ffmpegOptions");
        if (decoder == VideoDecoder.NVDEC_DEVICE) {
            throw new IllegalArgumentException("decoder: FfmpegVideoSource gives frames in host memory; open "
                    + "nvdec-device sources (frames in GPU memory) with VideoSources.open");
        }
        if (gpu < 0) {
            throw new IllegalArgumentException("gpu: expected >= 0, got " + gpu);
        }
        FfmpegInput.requireExisting(fileOrUrl);
        // the input opens once; NVDEC's decoder is tried on it first, and for AUTO the CPU's after it
        FfmpegInput in = FfmpegInput.open(fileOrUrl, FfmpegOptions.forSource(fileOrUrl, timeoutMillis, ffmpegOptions));
        try {
            if (decoder != VideoDecoder.CPU) {
                String hw = CuvidDecoders.forCodec(in.codecId());
                String why = hw == null ? "NVDEC has no decoder for codec " + FfmpegBgrStream.softwareDecoderName(in.codecId())
                        : org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name(hw) == null
                        ? "this FFmpeg build lacks " + hw : null;
                if (why == null) {
                    try {
                        return new FfmpegVideoSource(FfmpegBgrStream.open(in, fileOrUrl, hw, gpu), fileOrUrl,
                                hw + " (NVDEC, GPU " + gpu + ")");
                    } catch (InvalidImageException e) {
                        why = "cannot open video " + fileOrUrl + " with " + hw + " on GPU " + gpu + ": " + e.getMessage();
                    }
                }
                if (decoder == VideoDecoder.NVDEC) {
                    throw new InvalidImageException("cannot decode " + fileOrUrl + " with NVDEC: " + why
                            + " (use the CPU decoder, or auto to fall back to it)");
                }
                LOG.info("video {}: decoding on the CPU ({})", fileOrUrl, why);
            }
            FfmpegBgrStream s = FfmpegBgrStream.open(in, fileOrUrl, null, 0);
            return new FfmpegVideoSource(s, fileOrUrl, s.codecName() + " (CPU)");
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** @return packets the decoder refused as corrupt and skipped so far (the frames around them may be lost) */
    @Override
    public synchronized long corruptPackets() {
        return stream.corruptPackets();
    }

    /** @return the decoder in use, e.g. {@code h264_cuvid (NVDEC, GPU 0)} or {@code h264 (CPU)} */
    @Override
    public String decoder() {
        return decoderName;
    }

    /**
     * @param s a file name or URL
     * @return whether {@code s} names a network stream rather than a file
     */
    public static boolean isUrl(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("rtsp://") || l.startsWith("rtsps://") || l.startsWith("http://") || l.startsWith("https://")
                || l.startsWith("rtmp://") || l.startsWith("udp://") || l.startsWith("tcp://");
    }

    @Override
    public synchronized VideoFrame read() {
        if (closed) {
            throw new IllegalStateException("video source " + name + " is closed");
        }
        int w = stream.width(), h = stream.height(); // decoded and converted straight into the ring's buffer: no copy
        ByteBuffer b = ring.buffer((int) (index % FRAMES_KEPT), 3 * w * h);
        long micros = stream.nextBgr(b, index);
        if (micros < 0) {
            return null;
        }
        return new VideoFrame(index++, micros, new RawImage(b, w, h, 3 * w, PixelFormat.BGR));
    }

    @Override
    public int framesKept() {
        return FRAMES_KEPT;
    }

    @Override
    public double frameRate() {
        return stream.frameRate();
    }

    /** @return the frame count the container declares, or 0 when unknown (streams) */
    public long declaredFrames() {
        return stream.declaredFrames();
    }

    /** @return frame width */
    public int width() {
        return stream.width();
    }

    /** @return frame height */
    public int height() {
        return stream.height();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stream.close();
        }
    }
}
