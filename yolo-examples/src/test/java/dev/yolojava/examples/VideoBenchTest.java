package dev.yolojava.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VideoBenchTest {

    @Test
    void theStreamsLineNamesEachDistinctDecoderWithItsStreamCount() {
        assertThat(VideoBench.decoderSummary(new String[]{"h264 (CPU)", "h264 (CPU)"})).isEqualTo("h264 (CPU)");
        assertThat(VideoBench.decoderSummary(new String[]{"h264_cuvid (GPU 0)", "h264_cuvid (GPU 1)",
                "h264_cuvid (GPU 0)", "h264_cuvid (GPU 1)", "h264_cuvid (GPU 0)"}))
                .isEqualTo("h264_cuvid (GPU 0) ×3, h264_cuvid (GPU 1) ×2");
    }
}
