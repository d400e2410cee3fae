package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.YuvColors;
import dev.yolojava.core.internal.IntProperty;
import dev.yolojava.core.video.VideoFrame;
import dev.yolojava.core.video.VideoSource;
import dev.yolojava.core.video.internal.CuvidDecoders;
import dev.yolojava.core.video.internal.FfmpegDecodeLoop;
import dev.yolojava.core.video.internal.FfmpegInput;
import dev.yolojava.core.video.internal.FfmpegOptions;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVHWDeviceContext;
import org.bytedeco.ffmpeg.avutil.AVHWFramesContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import static org.bytedeco.cuda.global.cudart.cuCtxGetCurrent;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamDefault;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_init;

/**
 * A video file or stream decoded by NVDEC (FFmpeg's {@code *_cuvid} decoders with a CUDA device context on
 * the device's primary context, the one the TensorRT backend uses, and a blocking stream of its own) into GPU
 * memory: each frame is an NV12
 * {@link DeviceImage} that the letterbox kernel reads where it is, so no pixel crosses to the host. How a frame
 * becomes readable (FFmpeg 7's {@code cuviddec}): {@code cuvidMapVideoFrame} post-processes the decoded picture on
 * the legacy default stream (FFmpeg passes no output stream), then FFmpeg enqueues its copy out of the mapped surface
 * on this source's stream and returns without waiting. So the stream is a blocking one, whose copy waits for that
 * post-processing (a non-blocking stream copied surfaces before they were written once the GPU was busy: detections
 * of an older frame, or none; twelfth session), and {@link #read()} waits for the copy before handing the frame to
 * detectors, which read it on streams of their own. The last {@link #FRAMES_KEPT} frames
 * stay referenced (their buffers are not reused) so a pipeline can hold a few in flight; packets the decoder
 * refuses are skipped and counted.
 */
public final class NvdecDeviceSource implements VideoSource {
    /** Frames whose pixels stay valid at once. */
    public static final int FRAMES_KEPT = 4;
    /**
     * A gate per GPU around FFmpeg's decoder calls, open by default: every source of a GPU decodes in the same
     * (primary) context from its own thread. It was added as a precaution while 8 such sources crashed, before that
     * crash was traced to CUDA graphs. Decoding 16 vtest streams alone (400 frames each), one H200 gave 2,221 frames/s
     * serialized and 6,279 open; end to end, 32 streams to the file's end, 3,796–3,848 serialized and 3,858–3,862 open
     * (tenth session, docs/benchmarks.md). The system property {@code yolo.nvdecDevice.concurrency} limits how many
     * sources of a GPU decode at once; {@code yolo.nvdecDevice.serialize=true} is the same as 1.
     */
    private static final ConcurrentHashMap<Integer, Semaphore> GPU_GATES = new ConcurrentHashMap<>();

    private final String name;
    private final int gpu;
    private final String decoderName;
    private final dev.yolojava.core.video.internal.StreamTiming timing;
    private final int streamIndex;
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final AVBufferRef device;
    private final CUstream_st stream;
    private final FfmpegDecodeLoop loop;
    private final AVFrame[] ring = new AVFrame[FRAMES_KEPT];
    private long index;
    private boolean closed;

    private NvdecDeviceSource(String name, int gpu, AVFormatContext format, int streamIndex, AVCodecContext codec,
                              AVBufferRef device, CUstream_st stream, String decoderName) {
        this.name = name;
        this.stream = stream;
        this.gpu = gpu;
        this.format = format;
        this.streamIndex = streamIndex;
        this.codec = codec;
        this.device = device;
        this.decoderName = decoderName;
        this.loop = new FfmpegDecodeLoop(name, format, codec, streamIndex);
        this.timing = dev.yolojava.core.video.internal.StreamTiming.of(format, streamIndex);
        for (int i = 0; i < FRAMES_KEPT; i++) {
            ring[i] = av_frame_alloc();
        }
    }

    /**
     * Opens a file or URL for NVDEC decoding into GPU memory.
     *
     * @param fileOrUrl     a video file or stream URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @param gpu           the CUDA device, {@code >= 0}
     * @param ffmpegOptions FFmpeg demuxer/protocol options (they win over the ones set here)
     * @return the open source
     * @throws InvalidImageException naming the input and the reason when it cannot be opened or NVDEC cannot take it
     */
    public static NvdecDeviceSource open(String fileOrUrl, int timeoutMillis, int gpu, Map<String, String> ffmpegOptions) {
        if (gpu < 0) {
            throw new IllegalArgumentException("gpu: expected >= 0, got " + gpu);
        }
        FfmpegInput in = FfmpegInput.open(fileOrUrl, FfmpegOptions.forSource(fileOrUrl, timeoutMillis, ffmpegOptions));
        AVCodecContext ctx = null;
        AVBufferRef dev = null;
        CUstream_st stream = new CUstream_st();
        try {
            String hw = CuvidDecoders.forCodec(in.codecId());
            AVCodec decoder = hw == null ? null : avcodec_find_decoder_by_name(hw);
            if (decoder == null) {
                throw new InvalidImageException("cannot decode " + fileOrUrl + " with NVDEC: " + (hw == null
                        ? "NVDEC has no decoder for codec id " + in.codecId() : "this FFmpeg build lacks " + hw));
            }
            ctx = in.decoderContext(decoder, fileOrUrl);
            Semaphore gate = gate(gpu);
            gate.acquireUninterruptibly();
            try {
                dev = deviceContext(gpu, stream);
                ctx.hw_device_ctx(av_buffer_ref(dev));
                FfmpegInput.check(avcodec_open2(ctx, decoder, (AVDictionary) null), "opening " + hw + " on GPU " + gpu);
            } finally {
                gate.release();
            }
            return new NvdecDeviceSource(fileOrUrl, gpu, in.format(), in.streamIndex(), ctx, dev, stream,
                    hw + " (NVDEC into GPU memory, GPU " + gpu + ")");
        } catch (RuntimeException e) {
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            if (dev != null && !dev.isNull()) {
                av_buffer_unref(dev);
            }
            if (!stream.isNull()) {
                cudaStreamDestroy(stream);
            }
            in.close();
            if (e instanceof InvalidImageException) {
                throw e;
            }
            throw new InvalidImageException("cannot open video " + fileOrUrl + " with NVDEC on GPU " + gpu + ": " + e.getMessage(), e);
        }
    }

    /**
     * FFmpeg's CUDA device context on the GPU's primary context (the one the runtime API and TensorRT use, so the
     * letterbox kernel can read the frames) and on a blocking stream of its own ({@code stream}, created here):
     * not FFmpeg's default, the legacy stream itself, which synchronizes with every blocking stream and broke other
     * threads' CUDA graph captures; not a non-blocking stream either, whose copies do not wait for the decoder's
     * post-processing on the legacy stream (see the class comment). The detectors' streams are non-blocking, so
     * neither this stream nor the legacy one waits for their work. {@code AV_CUDA_USE_PRIMARY_CONTEXT} is no way: it
     * refuses a primary context that is already active with other flags than FFmpeg's. So the context is FFmpeg's
     * "user-supplied" kind: allocated, its {@code AVCUDADeviceContext} ({@code cuda_ctx}, {@code stream},
     * {@code internal}) filled, then initialized; FFmpeg then neither creates nor destroys a context.
     */
    private static AVBufferRef deviceContext(int gpu, CUstream_st stream) {
        Cuda.check(cudaSetDevice(gpu), "cudaSetDevice(" + gpu + ")");
        Cuda.check(cudaFree(null), "cudaFree(NULL) (initializing the primary context of GPU " + gpu + ")");
        CUctx_st primary = new CUctx_st();
        Cuda.checkDriver(cuCtxGetCurrent(primary), "cuCtxGetCurrent");
        Cuda.check(cudaStreamCreateWithFlags(stream, cudaStreamDefault), "cudaStreamCreateWithFlags(NVDEC output, blocking)");
        AVBufferRef ref = av_hwdevice_ctx_alloc(AV_HWDEVICE_TYPE_CUDA);
        if (ref == null || ref.isNull()) {
            throw new InvalidImageException("av_hwdevice_ctx_alloc(CUDA) failed: FFmpeg was built without CUDA");
        }
        try (LongPointer cuda = new LongPointer(new AVHWDeviceContext(ref.data()).hwctx())) {
            cuda.capacity(2).limit(2);
            cuda.put(0, primary.address()).put(1, stream.address());
        }
        int r = av_hwdevice_ctx_init(ref);
        if (r < 0) {
            av_buffer_unref(ref);
            throw new InvalidImageException("initializing FFmpeg's CUDA device context on GPU " + gpu + " failed: " + FfmpegDecodeLoop.error(r));
        }
        return ref;
    }

    @Override
    public synchronized VideoFrame read() {
        if (closed) {
            throw new IllegalStateException("video source " + name + " is closed");
        }
        Semaphore gate = gate(gpu);
        gate.acquireUninterruptibly();
        try {
            return decodeNext();
        } finally {
            gate.release();
        }
    }

    private static Semaphore gate(int gpu) {
        // read when a GPU's gate is made (its first source's open), where a bad value is an
        // IllegalArgumentException naming it, and no gate is kept
        return GPU_GATES.computeIfAbsent(gpu, g -> new Semaphore(Boolean.getBoolean("yolo.nvdecDevice.serialize")
                ? 1 : IntProperty.get("yolo.nvdecDevice.concurrency", Integer.MAX_VALUE, 1, Integer.MAX_VALUE)));
    }

    private VideoFrame decodeNext() {
        AVFrame f = ring[(int) (index % FRAMES_KEPT)]; // the frame read FRAMES_KEPT reads ago gives its buffer back
        if (!loop.next(f, index)) {
            return null;
        }
        if (f.format() != AV_PIX_FMT_CUDA) {
            throw new InvalidImageException("video " + name + ": " + decoderName + " gave a frame in host memory ("
                    + pixFmt(f.format()) + "), not in GPU memory");
        }
        int sw = new AVHWFramesContext(f.hw_frames_ctx().data()).sw_format();
        if (sw != AV_PIX_FMT_NV12) {
            throw new InvalidImageException("video " + name + ": frames are " + pixFmt(sw) + "; only 8-bit 4:2:0 (NV12) video"
                    + " decodes into GPU memory here: use the nvdec or cpu decoder");
        }
        // FFmpeg enqueued the copy out of the decoder's surface on our stream and returned; other streams read the frame
        Cuda.check(cudaStreamSynchronize(stream), "cudaStreamSynchronize(NVDEC frame copy, " + name + ")");
        long pts = f.best_effort_timestamp();
        long micros = timing.micros(pts); // from the stream's start, as the CPU and NVDEC-to-host sources count
        YuvColors colors = new YuvColors(f.colorspace() == AVCOL_SPC_BT709, f.color_range() == AVCOL_RANGE_JPEG);
        DeviceImage image = DeviceImage.nv12(f.data(0).address(), f.linesize(0), f.data(1).address(), f.linesize(1),
                f.width(), f.height(), colors, gpu);
        return new VideoFrame(index++, micros, image);
    }

    /** @return packets the decoder refused (corrupt data), skipped */
    @Override
    public synchronized long corruptPackets() {
        return loop.corruptPackets();
    }

    @Override
    public int framesKept() {
        return FRAMES_KEPT;
    }

    @Override
    public double frameRate() {
        return timing.frameRate();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String decoder() {
        return decoderName;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Semaphore gate = gate(gpu);
        gate.acquireUninterruptibly();
        try {
            for (AVFrame f : ring) {
                av_frame_free(f);
            }
            loop.close();
            avcodec_free_context(codec);
            av_buffer_unref(device);
            avformat_close_input(format);
            cudaStreamDestroy(stream); // FFmpeg's last use of it is behind its synchronizations
        } finally {
            gate.release();
        }
    }

    private static String pixFmt(int f) {
        BytePointer n = av_get_pix_fmt_name(f);
        return n == null || n.isNull() ? "pixel format " + f : n.getString();
    }
}
