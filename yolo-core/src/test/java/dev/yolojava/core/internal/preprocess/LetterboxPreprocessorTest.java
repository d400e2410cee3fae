package dev.yolojava.core.internal.preprocess;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LetterboxPreprocessorTest {

    private static byte[] solid(int w, int h, int r, int g, int b) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            px[3 * i] = (byte) r;
            px[3 * i + 1] = (byte) g;
            px[3 * i + 2] = (byte) b;
        }
        return px;
    }

    @Test
    void writesChwRgbScaledWithGreyPadding() {
        LetterboxPreprocessor p = new LetterboxPreprocessor(8, 8);
        FloatBuffer out = FloatBuffer.allocate(p.imageSize());
        Letterbox lb = p.process(RawImage.rgb(solid(4, 2, 200, 100, 50), 4, 2), out, 0);
        assertThat(lb.resizedWidth()).isEqualTo(8);
        assertThat(lb.resizedHeight()).isEqualTo(4);
        assertThat(lb.padTop()).isEqualTo(2);
        int plane = 64;
        // row 0 is padding, row 3 is image
        assertThat(out.get(0)).isCloseTo(114 / 255f, within(1e-6f));
        assertThat(out.get(plane + 7)).isCloseTo(114 / 255f, within(1e-6f));
        assertThat(out.get(3 * 8 + 4)).isCloseTo(200 / 255f, within(1e-6f));
        assertThat(out.get(plane + 3 * 8 + 4)).isCloseTo(100 / 255f, within(1e-6f));
        assertThat(out.get(2 * plane + 3 * 8 + 4)).isCloseTo(50 / 255f, within(1e-6f));
    }

    @Test
    void bgrAndRgbOfTheSamePictureGiveTheSameTensor() {
        LetterboxPreprocessor p = new LetterboxPreprocessor(16, 16);
        byte[] rgb = new byte[5 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 17);
        }
        byte[] bgr = rgb.clone();
        for (int i = 0; i < 15; i++) {
            bgr[3 * i] = rgb[3 * i + 2];
            bgr[3 * i + 2] = rgb[3 * i];
        }
        FloatBuffer a = FloatBuffer.allocate(p.imageSize()), b = FloatBuffer.allocate(p.imageSize());
        p.process(RawImage.rgb(rgb, 5, 3), a, 0);
        p.process(RawImage.bgr(bgr, 5, 3), b, 0);
        assertThat(a.array()).containsExactly(b.array());
    }

    @Test
    void honoursStrideAndOffset() {
        LetterboxPreprocessor p = new LetterboxPreprocessor(4, 4);
        byte[] padded = new byte[2 * 20];
        byte[] row = solid(2, 1, 10, 20, 30);
        System.arraycopy(row, 0, padded, 0, 6);
        System.arraycopy(row, 0, padded, 20, 6);
        for (int i = 6; i < 20; i++) {
            padded[i] = (byte) 255; // junk past the row must be ignored
        }
        FloatBuffer out = FloatBuffer.allocate(2 * p.imageSize());
        p.process(new RawImage(ByteBuffer.wrap(padded), 2, 2, 20, dev.yolojava.core.image.PixelFormat.RGB), out, p.imageSize());
        for (int i = 0; i < 16; i++) {
            assertThat(out.get(p.imageSize() + i)).isCloseTo(10 / 255f, within(1e-6f));
        }
        assertThat(out.get(0)).isZero();
    }
}
