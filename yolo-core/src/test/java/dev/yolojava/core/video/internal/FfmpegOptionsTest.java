package dev.yolojava.core.video.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FfmpegOptionsTest {

    @Test
    void streamsGetReadAndSocketTimeoutsAndRtspOverTcp() {
        assertThat(FfmpegOptions.forSource("rtsp://cam/1", 2500, Map.of()))
                .containsEntry("rw_timeout", "2500000").containsEntry("timeout", "2500000").containsEntry("rtsp_transport", "tcp");
        assertThat(FfmpegOptions.forSource("http://host/v.mp4", 1000, Map.of())).containsEntry("rw_timeout", "1000000")
                .doesNotContainKey("rtsp_transport");
    }

    @Test
    void aListeningRtspSourceWaitsForItsSenderTheTimeoutInSeconds() {
        assertThat(FfmpegOptions.forSource("rtsp://127.0.0.1:8554/in", 2500, Map.of("rtsp_flags", "listen")))
                .containsEntry("listen_timeout", "3").doesNotContainKeys("timeout", "rw_timeout")
                .containsEntry("rtsp_flags", "listen");
    }

    @Test
    void filesGetNothingAndTheCallersOptionsWin() {
        assertThat(FfmpegOptions.forSource("/videos/a.mp4", 1000, Map.of())).isEmpty();
        assertThat(FfmpegOptions.forSource("rtsp://cam/1", 1000, Map.of("rtsp_transport", "udp")))
                .containsEntry("rtsp_transport", "udp");
    }
}
