package dev.yolojava.core.video;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.YuvColors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoSourcesTest {

    @Test
    void decoderNamesParseWithTheirDash() {
        assertThat(VideoDecoder.parse(" NVDEC-device ")).isEqualTo(VideoDecoder.NVDEC_DEVICE);
        assertThat(VideoDecoder.NVDEC_DEVICE.cliName()).isEqualTo("nvdec-device");
        assertThatThrownBy(() -> VideoDecoder.parse("cuda")).hasMessageContaining("nvdec-device, got 'cuda'");
    }

    @Test
    void gpuMemoryDecodingWithoutAGpuBackendSaysWhatToAdd() {
        // yolo-core's tests have no DeviceVideoSourceProvider on the class path
        assertThatThrownBy(() -> VideoSources.open("any.mp4", 1000, VideoDecoder.NVDEC_DEVICE, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("yolo-tensorrt");
        assertThatThrownBy(() -> FfmpegVideoSource.open("any.mp4", 1000, VideoDecoder.NVDEC_DEVICE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VideoSources.open");
    }

    @Test
    void framesInGpuMemoryRefuseHostAccessNamingTheFrame() {
        DeviceImage d = DeviceImage.nv12(0x1000, 64, 0x2000, 64, 64, 64, YuvColors.BT601_LIMITED, 0);
        VideoFrame f = new VideoFrame(7, 0, d);
        assertThatThrownBy(f::hostImage).isInstanceOf(IllegalStateException.class).hasMessageContaining("frame 7")
                .hasMessageContaining("nvdec-device");
        assertThatThrownBy(new FrameResult(7, 0, d, List.of())::hostFrame).hasMessageContaining("frame 7");
    }
}
