package dev.yolojava.core.video.internal;

import dev.yolojava.core.InvalidImageException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;

/**
 * FFmpeg's read → send packet → receive frame loop for one video stream, shared by the sources that drive
 * FFmpeg's API: packets of other streams are skipped, a packet the decoder cannot take yet is sent again after
 * the next frame, packets it refuses (corrupt data) are skipped and counted, and the end of input drains the
 * decoder. The contexts stay the caller's; {@link #close()} frees the loop's packet.
 */
public final class FfmpegDecodeLoop implements AutoCloseable {
    /** {@code AVERROR(EAGAIN)} on Linux. */
    private static final int EAGAIN = -11;

    private final String name;
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final int streamIndex;
    private final AVPacket packet = av_packet_alloc();
    private boolean packetPending;
    private boolean draining;
    private long corruptPackets;
    private boolean closed;

    /**
     * @param name        the input, for messages
     * @param format      its open demuxer
     * @param codec       the open decoder of its stream {@code streamIndex}
     * @param streamIndex the video stream
     */
    public FfmpegDecodeLoop(String name, AVFormatContext format, AVCodecContext codec, int streamIndex) {
        this.name = name;
        this.format = format;
        this.codec = codec;
        this.streamIndex = streamIndex;
    }

    /**
     * Decodes the next frame into {@code frame} (unreferenced first).
     *
     * @param frame where the frame goes
     * @param at    its index, for messages
     * @return whether there was one; false at the end of the stream
     * @throws InvalidImageException naming the input and the frame when reading or decoding breaks off
     */
    public boolean next(AVFrame frame, long at) {
        av_frame_unref(frame);
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r == 0) {
                return true;
            }
            if (r == AVERROR_EOF) {
                return false;
            }
            if (r != EAGAIN) {
                throw new InvalidImageException("video " + name + " broke off at frame " + at + ": " + error(r));
            }
            if (draining) {
                continue;
            }
            if (!packetPending) {
                r = av_read_frame(format, packet);
                if (r < 0) {
                    if (r != AVERROR_EOF) {
                        throw new InvalidImageException("video " + name + " broke off at frame " + at + ": " + error(r));
                    }
                    draining = true;
                    avcodec_send_packet(codec, null);
                    continue;
                }
                if (packet.stream_index() != streamIndex) {
                    av_packet_unref(packet);
                    continue;
                }
                packetPending = true;
            }
            r = avcodec_send_packet(codec, packet);
            if (r == EAGAIN) {
                continue; // the decoder's output is full: receive, then send this packet again
            }
            if (r < 0) {
                corruptPackets++;
            }
            av_packet_unref(packet);
            packetPending = false;
        }
    }

    /** @return packets the decoder refused (corrupt data), skipped */
    public long corruptPackets() {
        return corruptPackets;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            av_packet_free(packet);
        }
    }

    /**
     * @param status an FFmpeg error code
     * @return FFmpeg's text for it, with the code
     */
    public static String error(int status) {
        byte[] text = new byte[256];
        try (BytePointer b = new BytePointer(256)) {
            b.fill(0);
            av_make_error_string(b, 256, status);
            b.get(text);
        }
        int n = 0;
        while (n < text.length && text[n] != 0) {
            n++;
        }
        return new String(text, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + status + ")";
    }
}
