package dev.yolojava.core.image.internal;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.FrameAllocator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Cutting JPEGs at their restart markers: bands that decode alone to the whole image's pixels. */
class RestartBandsTest {
    private static final int W = 200;
    private static final int H = 150;

    /** A textured BGR test picture encoded by OpenCV with the given restart interval (in MCUs) and chroma sampling. */
    static byte[] jpeg(int restartInterval, int sampling, boolean progressive) {
        byte[] px = new byte[3 * W * H];
        Random r = new Random(7);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 3 * (y * W + x);
                px[i] = (byte) (x * 255 / W + r.nextInt(20));
                px[i + 1] = (byte) (y * 255 / H + r.nextInt(20));
                px[i + 2] = (byte) ((x + y) % 64 * 4);
            }
        }
        try (PointerScope scope = new PointerScope()) {
            Mat img = new Mat(H, W, opencv_core.CV_8UC3, new BytePointer(px));
            int[] params = {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 95, opencv_imgcodecs.IMWRITE_JPEG_RST_INTERVAL, restartInterval,
                    opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, sampling,
                    opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE, progressive ? 1 : 0};
            BytePointer out = new BytePointer();
            assertThat(opencv_imgcodecs.imencode(new BytePointer(".jpg"), img, out, new IntPointer(params))).isTrue();
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }

    static RawImage decode(byte[] jpeg, int bands) {
        return ImageDecoders.openCv().decode(jpeg, "test.jpg", FrameAllocator.DIRECT, bands);
    }

    static byte[] pixels(RawImage img) {
        ByteBuffer p = img.pixels().duplicate();
        byte[] b = new byte[p.remaining()];
        p.get(b);
        return b;
    }

    @Test
    void bandsOfA444JpegDecodeToTheWholeImagesPixelsExactly() {
        // 4:4:4: 8x8 MCUs, 25 per row, 19 rows; a restart marker every MCU row
        byte[] jpeg = jpeg(25, opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444, false);
        RestartBands cut = RestartBands.split(jpeg, 3, 4);

        assertThat(cut).isNotNull();
        assertThat(cut.bands()).hasSize(3);
        assertThat(cut.bands().stream().mapToInt(RestartBands.Band::rows).sum()).isEqualTo(H);
        for (int b = 1; b < 3; b++) {
            RestartBands.Band prev = cut.bands().get(b - 1), band = cut.bands().get(b);
            assertThat(band.firstRow()).as("band %d starts where the last ended, on an MCU row", b)
                    .isEqualTo(prev.firstRow() + prev.rows()).matches(row -> row % 8 == 0);
        }
        assertThat(pixels(decode(jpeg, 3))).isEqualTo(pixels(decode(jpeg, 1)));
    }

    @Test
    void eachBandIsAJpegOfItsOwnWithItsRestartMarkersNumberedFromZero() {
        byte[] jpeg = jpeg(25, opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444, false);
        for (RestartBands.Band band : RestartBands.split(jpeg, 2, 4).bands()) {
            JpegHeader h = JpegHeader.parse(band.jpeg());
            assertThat(h.height()).isEqualTo(band.rows());
            assertThat(h.width()).isEqualTo(W);
            assertThat(h.complete()).isTrue();
            int expected = 0;
            for (int i = h.headerBytes(); i + 1 < band.jpeg().length; i++) {
                int m = band.jpeg()[i + 1] & 0xFF;
                if ((band.jpeg()[i] & 0xFF) == 0xFF && m >= 0xD0 && m <= 0xD7) {
                    assertThat(m - 0xD0).isEqualTo(expected++ & 7);
                }
            }
            assertThat(expected).as("restart markers between the band's MCU rows").isEqualTo((band.rows() + 7) / 8 - 1);
        }
    }

    @Test
    void bandsOfVerticallySubsampledJpegsCarryAnMcuRowOfContextAndDecodeExactly() {
        byte[] jpeg = jpeg(13, opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420, false); // 16x16 MCUs, 13 per row
        RestartBands cut = RestartBands.split(jpeg, 3, 2);
        assertThat(cut).isNotNull();
        assertThat(cut.bands()).hasSize(3);
        RestartBands.Band top = cut.bands().get(0), middle = cut.bands().get(1), bottom = cut.bands().get(2);
        assertThat(top.skipRows()).isZero();
        assertThat(top.decodedRows()).isEqualTo(top.rows() + 16);
        assertThat(middle.skipRows()).isEqualTo(16);
        assertThat(middle.decodedRows()).isEqualTo(16 + middle.rows() + 16);
        assertThat(bottom.skipRows()).isEqualTo(16);
        assertThat(bottom.decodedRows()).isEqualTo(16 + bottom.rows());
        assertThat(JpegHeader.parse(middle.jpeg()).height()).isEqualTo(middle.decodedRows());
        assertThat(pixels(decode(jpeg, 3))).isEqualTo(pixels(decode(jpeg, 1)));
    }

    @Test
    void bandsWithoutVerticalSubsamplingCarryNoContext() {
        for (int sampling : new int[]{opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444, opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422}) {
            byte[] jpeg = jpeg(sampling == opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444 ? 25 : 13, sampling, false);
            RestartBands cut = RestartBands.split(jpeg, 3, 2);
            assertThat(cut).isNotNull();
            assertThat(cut.bands()).allMatch(RestartBands.Band::exact);
            assertThat(pixels(decode(jpeg, 3))).isEqualTo(pixels(decode(jpeg, 1)));
        }
    }

    @Test
    void aGrayJpegIsCutIntoBandsOfEightPixelRows() {
        byte[] gray = new byte[W * H];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (i * 7 % 251);
        }
        byte[] jpeg;
        try (PointerScope scope = new PointerScope()) {
            Mat img = new Mat(H, W, opencv_core.CV_8UC1, new BytePointer(gray));
            BytePointer out = new BytePointer();
            assertThat(opencv_imgcodecs.imencode(new BytePointer(".jpg"), img, out,
                    new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 25))).isTrue();
            jpeg = new byte[(int) out.limit()];
            out.get(jpeg);
        }
        assertThat(JpegHeader.parse(jpeg).components()).isEqualTo(1);
        RestartBands cut = RestartBands.split(jpeg, 3, 4);
        assertThat(cut).isNotNull();
        assertThat(cut.bands()).hasSize(3).allMatch(RestartBands.Band::exact);
        cut.bands().stream().skip(1).forEach(b -> assertThat(b.firstRow() % 8).isZero());
        assertThat(pixels(decode(jpeg, 3))).isEqualTo(pixels(decode(jpeg, 1)));
    }

    @Test
    void anIntervalOfTwoMcuRowsCutsOnlyBetweenPairsOfRows() {
        byte[] jpeg = jpeg(50, opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444, false); // 2 rows of 25 MCUs each
        RestartBands cut = RestartBands.split(jpeg, 3, 2);
        assertThat(cut).isNotNull();
        cut.bands().stream().skip(1).forEach(b -> assertThat(b.firstRow() % 16).isZero());
        assertThat(pixels(decode(jpeg, 3))).isEqualTo(pixels(decode(jpeg, 1)));
    }

    @Test
    void jpegsThatCannotBeCutAreLeftWhole() {
        int s444 = opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444;
        assertThat(RestartBands.split(jpeg(0, s444, false), 4, 2)).as("no restart interval").isNull();
        assertThat(RestartBands.split(jpeg(7, s444, false), 4, 2)).as("intervals across MCU rows").isNull();
        assertThat(RestartBands.split(jpeg(25, s444, true), 4, 2)).as("progressive").isNull();
        assertThat(RestartBands.split(jpeg(25, s444, false), 4, 10)).as("too few rows for two bands").isNull();
        assertThat(RestartBands.split(new byte[]{1, 2, 3, 4}, 4, 2)).as("not a JPEG").isNull();
    }

    @Test
    void aMissingOrMisnumberedRestartMarkerLeavesTheFileWhole() {
        byte[] jpeg = jpeg(25, opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444, false);
        int second = -1, seen = 0;
        for (int i = JpegHeader.parse(jpeg).headerBytes(); i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0 && ++seen == 2) {
                second = i;
                break;
            }
        }
        assertThat(second).isPositive();
        byte[] misnumbered = jpeg.clone();
        misnumbered[second + 1] = (byte) 0xD5;
        assertThat(RestartBands.split(misnumbered, 4, 2)).isNull();
        byte[] missing = new byte[jpeg.length - 2];
        System.arraycopy(jpeg, 0, missing, 0, second);
        System.arraycopy(jpeg, second + 2, missing, second, jpeg.length - second - 2);
        assertThat(RestartBands.split(missing, 4, 2)).isNull();
    }

    @Test
    void theSampleImagesDecodeInBandsToTheWholeImagesPixels() throws Exception {
        java.nio.file.Path dir = CpuImageDecodingTest.SAMPLES.resolve("images");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(dir), "scripts/fetch-samples.sh not run");
        int cut = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                byte[] jpeg = java.nio.file.Files.readAllBytes(f);
                int n = OpenCvDecoder.bandsFor(JpegHeader.parse(jpeg), 4);
                RestartBands bands = n < 2 ? null : RestartBands.split(jpeg, n, OpenCvDecoder.MIN_BAND_MCU_ROWS);
                if (bands == null) {
                    continue;
                }
                cut++;
                assertThat(pixels(decode(jpeg, 4))).as("%s in %d bands", f.getFileName(), bands.bands().size())
                        .isEqualTo(pixels(decode(jpeg, 1)));
            }
        }
        assertThat(cut).as("samples with restart markers (six of the seven darknet images)").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theBandCountComesFromThePropertyOrTheCoresAndABadValueIsNamed() {
        assertThat(Decoding.bandsFrom(null, 16)).isEqualTo(8);
        assertThat(Decoding.bandsFrom(null, 2)).isEqualTo(2);
        assertThat(Decoding.bandsFrom(" 3 ", 16)).isEqualTo(3);
        assertThat(Decoding.bandsFrom("1", 16)).isEqualTo(1);
        for (String bad : new String[]{"0", "-2", "many"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Decoding.bandsFrom(bad, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Decoding.BANDS_PROPERTY).hasMessageContaining(bad);
        }
    }
}
