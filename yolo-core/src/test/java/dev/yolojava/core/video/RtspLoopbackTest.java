package dev.yolojava.core.video;

import dev.yolojava.core.InvalidImageException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * RTSP over loopback: a source listening on 127.0.0.1 ({@code rtsp_flags=listen}) that nobody sends to gives up
 * after its timeout with an error naming it (FFmpeg's listen wait is {@code listen_timeout}, forever by default,
 * which the source's {@code timeout} did not bound before). A sender pushing to the listener from the same
 * process (JavaCV's RTSP muxer) was refused its connection here and is not tested yet.
 */
class RtspLoopbackTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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
