package dev.yolojava.core.image.internal;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.FrameAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Both CPU decoders give upright, 8-bit BGR pixels and refuse broken files by name. */
class CpuImageDecodingTest {
    static final Path SAMPLES = Path.of(System.getProperty("yolo.samples", "samples"));

    static Stream<ImageDecoder> decoders() {
        return Stream.of(ImageDecoders.openCv(), ImageDecoders.imageIo());
    }

    /** @return {B, G, R} of pixel (x, y) */
    static int[] bgr(RawImage img, int x, int y) {
        int at = img.pixels().position() + y * img.stride() + 3 * x;
        return new int[]{img.pixels().get(at) & 0xFF, img.pixels().get(at + 1) & 0xFF, img.pixels().get(at + 2) & 0xFF};
    }

    static void assertColor(int[] bgr, int r, int g, int b) {
        assertThat(bgr[2]).as("red of " + Arrays.toString(bgr)).isCloseTo(r, within(6));
        assertThat(bgr[1]).as("green of " + Arrays.toString(bgr)).isCloseTo(g, within(6));
        assertThat(bgr[0]).as("blue of " + Arrays.toString(bgr)).isCloseTo(b, within(6));
    }

    @ParameterizedTest
    @MethodSource("decoders")
    void theExifOrientationIsApplied(ImageDecoder decoder) {
        byte[] plain = TestImages.jpeg(TestImages.halves(64, 32, 0xFF0000, 0x0000FF)); // red | blue
        RawImage upright = decoder.decode(plain, "plain.jpg", FrameAllocator.DIRECT);
        assertThat(upright.width()).isEqualTo(64);
        assertColor(bgr(upright, 8, 16), 255, 0, 0);
        // 6: the stored image is shown turned 90 degrees clockwise: the left (red) half ends up on top
        RawImage cw = decoder.decode(TestImages.withExifOrientation(plain, 6), "rotated.jpg", FrameAllocator.DIRECT);
        assertThat(cw.width()).isEqualTo(32);
        assertThat(cw.height()).isEqualTo(64);
        assertColor(bgr(cw, 16, 8), 255, 0, 0);
        assertColor(bgr(cw, 16, 56), 0, 0, 255);
        // 3: turned 180 degrees: red moves to the right
        RawImage half = decoder.decode(TestImages.withExifOrientation(plain, 3), "upside-down.jpg", FrameAllocator.DIRECT);
        assertThat(half.width()).isEqualTo(64);
        assertColor(bgr(half, 56, 16), 255, 0, 0);
        // 8: turned 90 degrees counter-clockwise: red at the bottom
        RawImage ccw = decoder.decode(TestImages.withExifOrientation(plain, 8), "ccw.jpg", FrameAllocator.DIRECT);
        assertColor(bgr(ccw, 16, 56), 255, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("decoders")
    void grayAndSixteenBitImagesKeepTheirValues(ImageDecoder decoder) {
        RawImage png = decoder.decode(TestImages.png(TestImages.gray(8, 8, BufferedImage.TYPE_BYTE_GRAY, 37)), "gray.png",
                FrameAllocator.DIRECT);
        assertThat(bgr(png, 3, 3)).containsExactly(37, 37, 37);
        RawImage jpg = decoder.decode(TestImages.jpeg(TestImages.gray(16, 16, BufferedImage.TYPE_BYTE_GRAY, 37)), "gray.jpg",
                FrameAllocator.DIRECT);
        assertColor(bgr(jpg, 8, 8), 37, 37, 37);
        RawImage deep = decoder.decode(TestImages.png(TestImages.gray(8, 8, BufferedImage.TYPE_USHORT_GRAY, 37 * 257)),
                "gray16.png", FrameAllocator.DIRECT);
        assertThat(bgr(deep, 3, 3)).containsExactly(37, 37, 37);
    }

    @Test
    void openCvConvertsCmykJpegsAndImageIoSaysWhatItCannotRead() {
        byte[] cmyk = TestImages.cmykJpeg(32, 32, new int[]{255, 0, 255, 255}); // Adobe-style inverted: magenta ink
        RawImage img = ImageDecoders.openCv().decode(cmyk, "print.jpg", FrameAllocator.DIRECT);
        assertColor(bgr(img, 16, 16), 255, 0, 255);
        assertThatThrownBy(() -> ImageDecoders.imageIo().decode(cmyk, "print.jpg", FrameAllocator.DIRECT))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("print.jpg").hasMessageContaining("CMYK");
    }

    @ParameterizedTest
    @MethodSource("decoders")
    void truncatedCorruptAndNonImagesAreErrorsNamingTheInput(ImageDecoder decoder) throws Exception {
        byte[] dog = dogOrSynthetic();
        byte[] cut = Arrays.copyOf(dog, dog.length * 6 / 10);
        assertThatThrownBy(() -> decoder.decode(cut, "cut.jpg", FrameAllocator.DIRECT))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("cut.jpg").hasMessageContaining("truncated");
        byte[] brokenHeader = dog.clone();
        brokenHeader[2] = 0x12; // the first marker after SOI is no marker
        assertThatThrownBy(() -> decoder.decode(brokenHeader, "broken.jpg", FrameAllocator.DIRECT))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("broken.jpg");
        assertThatThrownBy(() -> decoder.decode("just text".getBytes(), "notes.jpg", FrameAllocator.DIRECT))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("notes.jpg");
        assertThatThrownBy(() -> decoder.decode(new byte[0], "empty.jpg", FrameAllocator.DIRECT))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("empty.jpg");
    }

    @Test
    void openCvDecodesIntoTheAllocatorsBuffer() {
        byte[] jpeg = TestImages.jpeg(TestImages.halves(64, 32, 0xFF0000, 0x0000FF));
        ByteBuffer[] given = new ByteBuffer[1];
        RawImage img = ImageDecoders.openCv().decode(jpeg, "a.jpg", n -> given[0] = ByteBuffer.allocateDirect(n));
        assertThat(img.pixels()).isSameAs(given[0]);
        assertColor(bgr(img, 60, 2), 0, 0, 255);
    }

    @Test
    void openCvMatchesImageIoOnTheSampleImages() throws Exception {
        assumeTrue(Files.isDirectory(SAMPLES.resolve("images")), "run scripts/fetch-samples.sh first");
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES.resolve("images"))) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] data = Files.readAllBytes(f);
            RawImage cv = ImageDecoders.openCv().decode(data, f.toString(), FrameAllocator.DIRECT);
            RawImage io = ImageDecoders.imageIo().decode(data, f.toString(), FrameAllocator.DIRECT);
            assertThat(cv.width()).as(f.toString()).isEqualTo(io.width());
            assertThat(cv.height()).as(f.toString()).isEqualTo(io.height());
            long sum = 0;
            int max = 0, n = 3 * cv.width() * cv.height();
            for (int i = 0; i < n; i++) {
                int d = Math.abs((cv.pixels().get(i) & 0xFF) - (io.pixels().get(i) & 0xFF));
                sum += d;
                max = Math.max(max, d);
            }
            assertThat((double) sum / n).as(f + ": mean difference to ImageIO").isLessThan(1.0);
            assertThat(max).as(f + ": largest difference to ImageIO").isLessThanOrEqualTo(8);
        }
    }

    static byte[] dogOrSynthetic() throws Exception {
        Path dog = SAMPLES.resolve("images/dog.jpg");
        return Files.isRegularFile(dog) ? Files.readAllBytes(dog) : TestImages.jpeg(TestImages.halves(256, 128, 0x808080, 0x102030));
    }
}
