package dev.yolojava.core.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceImageTest {

    @Test
    void interleavedFramesNeedThreeBytesAPixelAndNoChromaPlane() {
        DeviceImage d = new DeviceImage(0x1000, 640, 480, 1920, PixelFormat.RGB, 0);
        assertThat(d.chromaAddress()).isZero();
        assertThat(d.byteLength()).isEqualTo(1920L * 479 + 1920);
        assertThatThrownBy(() -> new DeviceImage(0x1000, 640, 480, 1919, PixelFormat.BGR, 0))
                .hasMessageContaining("expected >= 1920, got 1919");
        assertThatThrownBy(() -> new DeviceImage(0x1000, 640, 480, 1920, PixelFormat.RGB, 0, 0x2000, 640, null))
                .hasMessageContaining("chromaAddress, chromaStride, colors");
    }

    @Test
    void nv12FramesNeedBothPlanesAndTheirColors() {
        DeviceImage d = DeviceImage.nv12(0x1000, 768, 0x9000, 768, 767, 577, YuvColors.BT601_LIMITED, 1);
        assertThat(d.format()).isEqualTo(PixelFormat.NV12);
        assertThat(d.stride()).isEqualTo(768);
        assertThat(d.byteLength()).as("the luma plane").isEqualTo(768L * 576 + 767);
        assertThatThrownBy(() -> DeviceImage.nv12(0x1000, 768, 0, 768, 768, 576, YuvColors.BT601_LIMITED, 0))
                .hasMessageContaining("chromaAddress");
        assertThatThrownBy(() -> DeviceImage.nv12(0x1000, 766, 0x9000, 768, 767, 576, YuvColors.BT601_LIMITED, 0))
                .hasMessageContaining("stride too small: expected >= 767, got 766");
        assertThatThrownBy(() -> DeviceImage.nv12(0x1000, 768, 0x9000, 767, 767, 576, YuvColors.BT601_LIMITED, 0))
                .as("odd widths round the chroma row up to whole Cb/Cr pairs")
                .hasMessageContaining("chromaStride too small: expected >= 768, got 767");
        assertThatThrownBy(() -> DeviceImage.nv12(0x1000, 768, 0x9000, 768, 768, 576, null, 0)).hasMessageContaining("colors");
    }

    @Test
    void nv12HasNoChannelOffsetsAndNoHostImage() {
        assertThat(PixelFormat.NV12.interleaved()).isFalse();
        assertThatThrownBy(PixelFormat.NV12::redOffset).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(PixelFormat.NV12::blueOffset).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RawImage(ByteBuffer.allocate(64 * 64 * 3), 64, 64, 192, PixelFormat.NV12))
                .hasMessageContaining("expected RGB or BGR").hasMessageContaining("NV12");
    }
}
