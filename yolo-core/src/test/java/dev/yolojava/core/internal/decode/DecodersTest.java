package dev.yolojava.core.internal.decode;

import dev.yolojava.core.ShapeMismatchException;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecodersTest {
    private static final DecodeOptions ALL = new DecodeOptions(0.25f, null);

    /** [B, 4+C, N]: column n holds cx, cy, w, h, then C class scores. */
    private static FloatBuffer yolov8(int batch, int classes, int n, float[][][] columns) {
        float[] data = new float[batch * (4 + classes) * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < 4 + classes; r++) {
                    data[b * (4 + classes) * n + r * n + i] = columns[b][i][r];
                }
            }
        }
        return FloatBuffer.wrap(data);
    }

    @Test
    void yolov8TakesTheBestClassAndConvertsCentreToCorners() {
        float[][][] cols = {{
                {100, 50, 20, 10, 0.1f, 0.9f, 0.3f},
                {10, 10, 4, 4, 0.2f, 0.1f, 0.24f},      // below threshold
                {300, 200, 40, 60, 0.5f, 0.2f, 0.6f}}};
        long[] shape = {1, 7, 3};
        OutputDecoder d = OutputLayout.detect(shape, 3);
        assertThat(d.layout()).isEqualTo(OutputLayout.YOLOV8);
        Candidates c = new Candidates();
        d.decode(yolov8(1, 3, 3, cols), shape, 0, ALL, c);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.classId(0)).isEqualTo(1);
        assertThat(c.score(0)).isEqualTo(0.9f);
        assertThat(c.x1(0)).isEqualTo(90f);
        assertThat(c.y1(0)).isEqualTo(45f);
        assertThat(c.x2(0)).isEqualTo(110f);
        assertThat(c.y2(0)).isEqualTo(55f);
        assertThat(c.classId(1)).isEqualTo(2);
    }

    @Test
    void yolov8ReadsTheRightImageOfABatchAndHonoursTheClassFilter() {
        float[][][] cols = {
                {{1, 1, 2, 2, 0.9f, 0f}},
                {{50, 50, 10, 10, 0f, 0.8f}}};
        long[] shape = {2, 6, 1};
        OutputDecoder d = OutputLayout.detect(shape, 2);
        Candidates c = new Candidates();
        d.decode(yolov8(2, 2, 1, cols), shape, 1, ALL, c);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.classId(0)).isEqualTo(1);
        c.clear();
        d.decode(yolov8(2, 2, 1, cols), shape, 1, new DecodeOptions(0.25f, new boolean[]{true, false}), c);
        assertThat(c.size()).isZero();
    }

    @Test
    void yolov5MultipliesObjectnessAndClassScore() {
        // [1, N=8, 5+2]
        float[] rows = new float[8 * 7];
        float[][] r = {
                {100, 100, 10, 20, 0.9f, 0.5f, 0.8f},  // 0.72, class 1
                {50, 50, 10, 10, 0.3f, 0.9f, 0.1f},    // 0.27, class 0
                {50, 50, 10, 10, 0.2f, 0.9f, 0.1f}};   // 0.18: dropped
        for (int i = 0; i < r.length; i++) {
            System.arraycopy(r[i], 0, rows, i * 7, 7);
        }
        long[] shape = {1, 8, 7};
        OutputDecoder d = OutputLayout.detect(shape, 2);
        assertThat(d.layout()).isEqualTo(OutputLayout.YOLOV5);
        Candidates c = new Candidates();
        d.decode(FloatBuffer.wrap(rows), shape, 0, ALL, c);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.score(0)).isCloseTo(0.72f, within(1e-6f));
        assertThat(c.classId(0)).isEqualTo(1);
        assertThat(c.x1(0)).isEqualTo(95f);
        assertThat(c.y2(0)).isEqualTo(110f);
        assertThat(c.score(1)).isCloseTo(0.27f, within(1e-6f));
    }

    @Test
    void endToEndPassesBoxesThroughAndSkipsEmptyRows() {
        float[] rows = {10, 20, 30, 40, 0.9f, 16, 0, 0, 0, 0, 0f, 0, 5, 5, 6, 6, 0.5f, 2};
        long[] shape = {1, 3, 6};
        OutputDecoder d = OutputLayout.detect(shape, 80);
        assertThat(d.layout()).isEqualTo(OutputLayout.END_TO_END);
        assertThat(d.needsNms()).isFalse();
        Candidates c = new Candidates();
        d.decode(FloatBuffer.wrap(rows), shape, 0, ALL, c);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.classId(0)).isEqualTo(16);
        assertThat(c.x2(0)).isEqualTo(30f);
        assertThat(c.classId(1)).isEqualTo(2);
    }

    @Test
    void detectsLayoutsWithoutMetadata() {
        assertThat(OutputLayout.detect(new long[]{1, 84, 8400}, -1).numClasses()).isEqualTo(80);
        assertThat(OutputLayout.detect(new long[]{1, 25200, 85}, -1).layout()).isEqualTo(OutputLayout.YOLOV5);
        assertThat(OutputLayout.detect(new long[]{1, 300, 6}, -1).layout()).isEqualTo(OutputLayout.END_TO_END);
    }

    @Test
    void unknownLayoutsSayExpectedAndGot() {
        assertThatThrownBy(() -> OutputLayout.detect(new long[]{1, 84}, -1))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("expected").hasMessageContaining("got [1, 84]");
        assertThatThrownBy(() -> OutputLayout.detect(new long[]{1, 50, 8400}, 80))
                .hasMessageContaining("[B, 84, N]").hasMessageContaining("got [1, 50, 8400]");
        assertThatThrownBy(() -> OutputLayout.detect(new long[]{1, 4, 4}, -1)).hasMessageContaining("got [1, 4, 4]");
    }

    @org.junit.jupiter.api.Test
    void decodeOptionsAndDeviceSpecsCompareByValueAndKeepTheirOwnFilter() {
        boolean[] filter = {true, false};
        DecodeOptions a = new DecodeOptions(0.25f, filter), b = new DecodeOptions(0.25f, new boolean[]{true, false});
        org.assertj.core.api.Assertions.assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        filter[1] = true; // the caller's array changing does not change the options
        org.assertj.core.api.Assertions.assertThat(a.keeps(1)).isFalse();
        var s1 = new dev.yolojava.core.spi.DeviceDecodeSpec(OutputLayout.YOLOV8, 2, 0.25f, 0.45f, 300, false, new boolean[]{true, false});
        var s2 = new dev.yolojava.core.spi.DeviceDecodeSpec(OutputLayout.YOLOV8, 2, 0.25f, 0.45f, 300, false, new boolean[]{true, false});
        org.assertj.core.api.Assertions.assertThat(s1).isEqualTo(s2).hasSameHashCodeAs(s2);
    }
}
