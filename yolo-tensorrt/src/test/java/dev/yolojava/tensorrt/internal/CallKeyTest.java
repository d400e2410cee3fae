package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole-call graph is replayed only for a call whose stream work is the same: same geometry, same memory. */
class CallKeyTest {
    static final Letterbox LB = Letterbox.compute(768, 576, 640, 640);

    static Object key(List<? extends Frame> frames, CallKey.Source src, long staging) {
        return CallKey.of(0, frames.size(), true, true, frames, List.of(LB, LB), new long[]{0, 4096},
                new CallKey.Source[]{src, src}, staging);
    }

    @Test
    void stagedFramesOfTheSameGeometryShareAKeyWhateverTheirPixels() {
        RawImage a = RawImage.bgr(new byte[768 * 576 * 3], 768, 576), b = RawImage.bgr(new byte[768 * 576 * 3], 768, 576);
        assertThat(key(List.of(a), CallKey.Source.STAGED, 1000)).isEqualTo(key(List.of(b), CallKey.Source.STAGED, 1000));
        assertThat(key(List.of(a), CallKey.Source.STAGED, 1000))
                .as("another staging buffer: the captured copy targets would be stale")
                .isNotEqualTo(key(List.of(a), CallKey.Source.STAGED, 2000));
        RawImage rgb = RawImage.rgb(new byte[768 * 576 * 3], 768, 576);
        assertThat(key(List.of(a), CallKey.Source.STAGED, 1000)).as("channel order is baked into the kernel's arguments")
                .isNotEqualTo(key(List.of(rgb), CallKey.Source.STAGED, 1000));
    }

    @Test
    void framesReadWhereTheyAreAreKeyedByTheirAddress() {
        DeviceImage d1 = new DeviceImage(0x7000_0000L, 768, 576, 2304, PixelFormat.RGB, 0);
        DeviceImage d1again = new DeviceImage(0x7000_0000L, 768, 576, 2304, PixelFormat.RGB, 0);
        DeviceImage d2 = new DeviceImage(0x7100_0000L, 768, 576, 2304, PixelFormat.RGB, 0);
        assertThat(key(List.of(d1), CallKey.Source.DEVICE, 0)).isEqualTo(key(List.of(d1again), CallKey.Source.DEVICE, 0));
        assertThat(key(List.of(d1), CallKey.Source.DEVICE, 0)).isNotEqualTo(key(List.of(d2), CallKey.Source.DEVICE, 0));
    }
}
