package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Int8CalibrationTest {

    @Test
    void listsTheImagesOfTheFolderSorted(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("b.PNG"), new byte[]{1});
        Files.write(dir.resolve("a.jpg"), new byte[]{2});
        Files.write(dir.resolve("notes.txt"), new byte[]{3});
        Files.createDirectory(dir.resolve("sub.jpg"));
        assertThat(Int8Calibration.images(dir)).extracting(p -> p.getFileName().toString()).containsExactly("a.jpg", "b.PNG");
    }

    @Test
    void aMissingOrEmptyFolderNamesTheOption(@TempDir Path dir) {
        assertThatThrownBy(() -> Int8Calibration.images(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensorrt.calibrationImages")
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> Int8Calibration.images(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got none");
    }

    @Test
    void theDigestFollowsTheImageBytes(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.jpg"), new byte[]{1, 2, 3});
        String before = Int8Calibration.digest(List.of(a));
        assertThat(Int8Calibration.digest(List.of(a))).isEqualTo(before).hasSize(12);
        Files.write(a, new byte[]{1, 2, 4});
        assertThat(Int8Calibration.digest(List.of(a))).isNotEqualTo(before);
    }

    @Test
    void aSavedTableIsReadInsteadOfMeasuringAgain(@TempDir Path dir) throws Exception {
        Path table = Files.writeString(dir.resolve("m.calibration"), "# tensor\tmax\nimages\t1.0\n/model.0/conv/Conv_output_0\t12.5\n");
        // the model path does not exist: a measurement would fail, the table must be used
        Map<String, Float> r = Int8Calibration.ranges(dir.resolve("absent.onnx"), List.of(dir.resolve("x.jpg")), 640, 640, table);
        assertThat(r).containsEntry("images", 1.0f).containsEntry("/model.0/conv/Conv_output_0", 12.5f).hasSize(2);
    }

    @Test
    void aBrokenTableIsReportedByRead(@TempDir Path dir) throws Exception {
        Path table = Files.writeString(dir.resolve("bad.calibration"), "no tab here\n");
        assertThatThrownBy(() -> Int8Calibration.read(table)).hasMessageContaining("without a tab");
    }
}
