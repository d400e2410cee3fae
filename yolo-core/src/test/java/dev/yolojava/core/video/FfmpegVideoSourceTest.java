package dev.yolojava.core.video;

import dev.yolojava.core.InvalidImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FFmpeg decodes the sample video frame by frame; broken and silent inputs end in errors naming them. */
class FfmpegVideoSourceTest {
    static final Path VTEST = Path.of(System.getProperty("yolo.samples", "samples")).resolve("videos/vtest.avi");

    @Test
    void vtestHasItsFramesInOrderWithTenPerSecondTimestamps() {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        try (FfmpegVideoSource v = FfmpegVideoSource.open(VTEST.toString(), 5000)) {
            assertThat(v.width()).isEqualTo(768);
            assertThat(v.height()).isEqualTo(576);
            assertThat(v.frameRate()).isEqualTo(10.0);
            assertThat(v.declaredFrames()).isEqualTo(795);
            long n = 0, lastTs = -1;
            for (VideoFrame f = v.read(); f != null; f = v.read()) {
                assertThat(f.index()).isEqualTo(n++);
                assertThat(f.timestampMicros()).as("frame " + f.index()).isEqualTo(f.index() * 100_000L);
                assertThat(f.timestampMicros()).isGreaterThan(lastTs);
                lastTs = f.timestampMicros();
                assertThat(f.image().width()).isEqualTo(768);
            }
            assertThat(n).isEqualTo(795);
        }
    }

    @Test
    void nvdecOfAnUnsupportedCodecOrWithoutADriverIsAClearErrorAndAutoFallsBackToTheCpu(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        assertThatThrownBy(() -> FfmpegVideoSource.open(VTEST.toString(), 5000, VideoDecoder.NVDEC, 0))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("cannot decode " + VTEST + " with NVDEC: NVDEC has no decoder for codec msmpeg4");
        try (FfmpegVideoSource v = FfmpegVideoSource.open(VTEST.toString(), 5000, VideoDecoder.AUTO, 0)) {
            assertThat(v.decoder()).isEqualTo("msmpeg4 (CPU)");
            assertThat(v.read().index()).isZero();
        }
        Path h264 = TestVideos.h264(VTEST, dir.resolve("vtest.mp4"), 768, 576, 5, 1_000_000);
        if (!Files.exists(Path.of("/dev/nvidiactl"))) { // no driver: h264_cuvid cannot open (GPU tests check that it does)
            assertThatThrownBy(() -> FfmpegVideoSource.open(h264.toString(), 5000, VideoDecoder.NVDEC, 0))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining("cannot decode " + h264 + " with NVDEC: cannot open video " + h264
                            + " with h264_cuvid on GPU 0");
            try (FfmpegVideoSource v = FfmpegVideoSource.open(h264.toString(), 5000, VideoDecoder.AUTO, 0)) {
                assertThat(v.decoder()).isEqualTo("h264 (CPU)");
            }
        }
        assertThatThrownBy(() -> VideoDecoder.parse("gpu")).hasMessageContaining("expected cpu, nvdec, auto or nvdec-device, got 'gpu'");
        assertThatThrownBy(() -> FfmpegVideoSource.open(VTEST.toString(), 5000, VideoDecoder.AUTO, -1))
                .hasMessageContaining("gpu: expected >= 0, got -1");
    }

    @Test
    void framesStayValidWhileTheNextOnesDecode() {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        try (FfmpegVideoSource v = FfmpegVideoSource.open(VTEST.toString(), 5000)) {
            List<byte[]> copies = new ArrayList<>();
            List<VideoFrame> kept = new ArrayList<>();
            for (int i = 0; i < v.framesKept(); i++) {
                VideoFrame f = v.read();
                byte[] c = new byte[f.hostImage().pixels().remaining()];
                f.hostImage().pixels().duplicate().get(c);
                copies.add(c);
                kept.add(f);
            }
            for (int i = 0; i < kept.size(); i++) { // the frames read since have not overwritten them
                byte[] now = new byte[kept.get(i).hostImage().pixels().remaining()];
                kept.get(i).hostImage().pixels().duplicate().get(now);
                assertThat(Arrays.equals(now, copies.get(i))).as("frame " + i).isTrue();
            }
        }
    }

    @Test
    void missingUnreadableAndTruncatedVideosAreNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FfmpegVideoSource.open(dir.resolve("none.mp4").toString(), 1000))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("none.mp4").hasMessageContaining("not found");
        Path text = Files.writeString(dir.resolve("notes.avi"), "not a video at all");
        assertThatThrownBy(() -> FfmpegVideoSource.open(text.toString(), 1000))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("notes.avi");
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        byte[] all = Files.readAllBytes(VTEST);
        Path cut = Files.write(dir.resolve("cut.avi"), Arrays.copyOf(all, all.length / 3));
        try (FfmpegVideoSource v = FfmpegVideoSource.open(cut.toString(), 1000)) {
            long n = 0;
            try {
                while (v.read() != null) {
                    n++;
                }
            } catch (InvalidImageException e) {
                assertThat(e).hasMessageContaining("cut.avi");
            }
            assertThat(n).as("frames before the cut").isBetween(50L, 795L);
        }
    }

    @Test
    void corruptPacketsAreSkippedAndCountedAndTheRestDecodes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        Path h264 = TestVideos.h264(VTEST, dir.resolve("vtest.mp4"), 768, 576, 200, 1_000_000);
        byte[] d = Files.readAllBytes(h264);
        for (int i = d.length / 2; i < d.length / 2 + 20_000; i++) {
            d[i] = (byte) (i * 31); // slice data destroyed in the middle, container intact
        }
        Path broken = Files.write(dir.resolve("broken.mp4"), d);
        try (FfmpegVideoSource v = FfmpegVideoSource.open(broken.toString(), 1000)) {
            long n = 0;
            while (v.read() != null) {
                n++;
            }
            System.out.printf("corrupt H.264: %d of 200 frames decoded, %d packets skipped%n", n, v.corruptPackets());
            assertThat(v.corruptPackets()).as("packets the decoder refused").isPositive();
            assertThat(n).as("frames decoded around them").isBetween(150L, 199L);
        }
        try (FfmpegVideoSource v = FfmpegVideoSource.open(h264.toString(), 1000)) {
            while (v.read() != null) {
                assertThat(v.corruptPackets()).isZero();
            }
        }
    }

    @Test
    void aStreamThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(20_000); // connected, never says a word
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/live.mp4";
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> FfmpegVideoSource.open(url, 1000)).isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining(url);
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to give up").isLessThan(10);
        }
    }

    /** Serves {@code bytes} over HTTP on loopback, stopping after {@code limit} bytes (a stream that breaks off). */
    static com.sun.net.httpserver.HttpServer serve(byte[] bytes, int limit) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, bytes.length);
            try (var out = ex.getResponseBody()) {
                out.write(bytes, 0, Math.min(limit, bytes.length));
            } catch (java.io.IOException e) {
                // the client went away
            }
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void aVideoStreamedOverHttpOnLoopbackDecodesLikeTheFile() throws Exception {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        byte[] all = Files.readAllBytes(VTEST);
        com.sun.net.httpserver.HttpServer server = serve(all, all.length);
        try (FfmpegVideoSource v = FfmpegVideoSource.open("http://127.0.0.1:" + server.getAddress().getPort() + "/vtest.avi",
                5000)) {
            long n = 0;
            while (v.read() != null) {
                n++;
            }
            assertThat(n).isEqualTo(795);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStreamThatStopsMidwayEndsWithTheFramesReceivedAndNoHang() throws Exception {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        byte[] all = Files.readAllBytes(VTEST);
        com.sun.net.httpserver.HttpServer server = serve(all, all.length / 2);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/live.avi";
        long t0 = System.nanoTime(), n = 0;
        try (FfmpegVideoSource v = FfmpegVideoSource.open(url, 2000)) {
            try {
                while (v.read() != null) {
                    n++;
                }
            } catch (InvalidImageException e) {
                assertThat(e).hasMessageContaining(url);
            }
        } finally {
            server.stop(0);
        }
        assertThat(n).as("frames before the stream stopped").isBetween(100L, 794L);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(20);
    }

    @Test
    void anH264RenditionAt1080pDecodesFrameByFrame(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
        Path h264 = dir.resolve("vtest-1080p.mp4");
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(VTEST.toString());
             org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(h264.toFile(), 1920, 1080)) {
            g.start();
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(10);
            r.setVideoBitrate(4_000_000);
            r.start();
            for (int i = 0; i < 12; i++) {
                r.record(g.grabImage());
            }
            r.stop();
        }
        try (FfmpegVideoSource v = FfmpegVideoSource.open(h264.toString(), 2000)) {
            assertThat(v.width()).isEqualTo(1920);
            assertThat(v.height()).isEqualTo(1080);
            long n = 0;
            for (VideoFrame f = v.read(); f != null; f = v.read()) {
                assertThat(f.timestampMicros()).as("frame " + n).isEqualTo(100_000L * n);
                assertThat(f.image().width()).isEqualTo(1920);
                n++;
            }
            assertThat(n).isEqualTo(12);
        }
    }
}
