package dev.yolojava.core.video;

import dev.yolojava.core.InvalidImageException;
import org.junit.jupiter.api.Test;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RTSP over loopback: the source listens on 127.0.0.1 ({@code rtsp_flags=listen}); the test pushes an H.264
 * rendition of vtest to it (FFmpeg's RTSP muxer, ANNOUNCE/RECORD over TCP, packets copied, no re-encoding) and
 * stops after part of it: the source reads the frames sent and ends without hanging. A listener nobody sends to
 * gives up after its timeout with an error naming it (FFmpeg's {@code listen_timeout} waits forever by default).
 * The sender drives FFmpeg's API directly: JavaCV opens one grabber or recorder at a time in a process, so a
 * JavaCV recorder would wait for the listening grabber's open to end.
 */
class RtspLoopbackTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Copies the first {@code packets} video packets of {@code src} to {@code url} over RTSP/TCP, then tears down. */
    static void push(Path src, String url, int packets) {
        AVFormatContext in = new AVFormatContext(null);
        check(avformat_open_input(in, src.toString(), null, null), "open " + src);
        AVFormatContext out = new AVFormatContext(null);
        AVPacket p = av_packet_alloc();
        try {
            check(avformat_find_stream_info(in, (PointerPointer<?>) null), "stream info");
            int vi = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            check(vi, "video stream");
            check(avformat_alloc_output_context2(out, null, "rtsp", url), "rtsp muxer");
            AVStream os = avformat_new_stream(out, null);
            check(avcodec_parameters_copy(os.codecpar(), in.streams(vi).codecpar()), "codec parameters");
            os.codecpar().codec_tag(0);
            os.time_base(in.streams(vi).time_base());
            AVDictionary opts = new AVDictionary(null);
            av_dict_set(opts, "rtsp_transport", "tcp", 0);
            int r = avformat_write_header(out, opts);
            av_dict_free(opts);
            check(r, "connect to " + url);
            for (int n = 0; n < packets && av_read_frame(in, p) >= 0; av_packet_unref(p)) {
                if (p.stream_index() == vi) {
                    p.stream_index(0);
                    av_packet_rescale_ts(p, in.streams(vi).time_base(), os.time_base());
                    check(av_interleaved_write_frame(out, p), "send packet " + n);
                    n++;
                }
            }
            av_write_trailer(out);
        } finally {
            av_packet_free(p);
            avformat_free_context(out);
            avformat_close_input(in);
        }
    }

    static void check(int status, String what) {
        if (status < 0) {
            throw new IllegalStateException(what + " failed: FFmpeg error " + status);
        }
    }

    @Test
    void aStreamPushedOverRtspIsReadUntilTheSenderStops(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(FfmpegVideoSourceTest.VTEST), "run scripts/fetch-samples.sh first");
        Path h264 = TestVideos.h264(FfmpegVideoSourceTest.VTEST, dir.resolve("vtest.mp4"), 768, 576, 200, 1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            String url = "rtsp://127.0.0.1:" + freePort() + "/live";
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int attempt = 0; ; attempt++) { // until the source listens
                    try {
                        push(h264, url, 150);
                        return;
                    } catch (IllegalStateException e) {
                        if (attempt == 50 || !e.getMessage().startsWith("connect")) {
                            throw e;
                        }
                        sleep(200);
                    }
                }
            });
            long n = 0;
            try (FfmpegVideoSource v = FfmpegVideoSource.open(url, 20_000, VideoDecoder.CPU, 0, Map.of("rtsp_flags", "listen"))) {
                assertThat(v.width()).isEqualTo(768);
                try {
                    for (VideoFrame f; (f = v.read()) != null; n++) {
                        assertThat(f.image().height()).isEqualTo(576);
                    }
                } catch (InvalidImageException e) { // the sender's teardown may end the stream as an error
                    assertThat(e).hasMessageContaining(url);
                }
            }
            sender.get(30, TimeUnit.SECONDS);
            assertThat(n).as("frames received of the 150 sent").isBetween(140L, 150L);
        });
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSourceWaitingForItsSenderDoesNotHoldUpOtherSourcesOpening() {
        assumeTrue(Files.isRegularFile(FfmpegVideoSourceTest.VTEST), "run scripts/fetch-samples.sh first");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String url = "rtsp://127.0.0.1:" + freePort() + "/late";
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try (FfmpegVideoSource v = FfmpegVideoSource.open(url, 6000, VideoDecoder.CPU, 0, Map.of("rtsp_flags", "listen"))) {
                    v.read();
                } catch (InvalidImageException expected) {
                    // nobody sends: it gives up after its timeout
                }
            });
            Thread.sleep(500); // the listener is in its open now
            long t0 = System.nanoTime();
            try (FfmpegVideoSource file = FfmpegVideoSource.open(FfmpegVideoSourceTest.VTEST.toString(), 5000)) {
                assertThat(file.read()).isNotNull();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            assertThat(waiting).as("the listener still waits").isNotDone();
            assertThat(s).as("seconds to open a file while another source waits in its open").isLessThan(3);
            waiting.get(20, TimeUnit.SECONDS);
        });
    }

    @Test
    void aListenerNobodyPushesToTimesOutNamingIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String url = "rtsp://127.0.0.1:" + freePort() + "/nobody";
            long t0 = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FfmpegVideoSource.open(url, 2000, VideoDecoder.CPU, 0,
                    Map.of("rtsp_flags", "listen"))).isInstanceOf(InvalidImageException.class).hasMessageContaining(url);
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(15);
        });
    }
}
