package dev.yolojava.core.preprocess;

import dev.yolojava.core.BoundingBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LetterboxTest {

    @ParameterizedTest(name = "{0}x{1} -> rw={2} rh={3} left={4} top={5}")
    @CsvSource({
            // values from Ultralytics LetterBox(auto=False, center=True): new_unpad = round(w*r), round(h*r);
            // left = round(dw/2 - 0.1), top = round(dh/2 - 0.1)
            "768, 576, 640, 480, 0, 80",    // dog.jpg: landscape 4:3
            "640, 424, 640, 424, 0, 108",   // person.jpg
            "810, 1080, 480, 640, 80, 0",   // portrait
            "640, 640, 640, 640, 0, 0",     // already square
            "1, 1, 640, 640, 0, 0",         // tiny: scaled up
            "10000, 100, 640, 6, 0, 317",   // huge and thin: 6.4 rows rounds to 6
            "3, 7, 274, 640, 183, 0"
    })
    void matchesUltralyticsGeometry(int w, int h, int rw, int rh, int left, int top) {
        Letterbox lb = Letterbox.compute(w, h, 640, 640);
        assertThat(lb.resizedWidth()).isEqualTo(rw);
        assertThat(lb.resizedHeight()).isEqualTo(rh);
        assertThat(lb.padLeft()).isEqualTo(left);
        assertThat(lb.padTop()).isEqualTo(top);
        assertThat(lb.padLeft() + lb.resizedWidth()).isLessThanOrEqualTo(640);
        assertThat(lb.padTop() + lb.resizedHeight()).isLessThanOrEqualTo(640);
    }

    @ParameterizedTest
    @CsvSource({"768, 576", "810, 1080", "1, 1", "10000, 100", "33, 4000"})
    void inverseMappingRoundTrips(int w, int h) {
        Letterbox lb = Letterbox.compute(w, h, 640, 640);
        float x1 = w * 0.1f, y1 = h * 0.2f, x2 = w * 0.7f, y2 = h * 0.9f;
        double padX = (640 - w * lb.gain()) / 2, padY = (640 - h * lb.gain()) / 2;
        BoundingBox back = lb.toOriginal((float) (x1 * lb.gain() + padX), (float) (y1 * lb.gain() + padY),
                (float) (x2 * lb.gain() + padX), (float) (y2 * lb.gain() + padY));
        double tolX = 0.6 / lb.gain() + 1e-3 * w, tolY = 0.6 / lb.gain() + 1e-3 * h; // padding rounds to a whole pixel
        assertThat((double) back.x1()).isCloseTo(x1, within(tolX));
        assertThat((double) back.y1()).isCloseTo(y1, within(tolY));
        assertThat((double) back.x2()).isCloseTo(x2, within(tolX));
        assertThat((double) back.y2()).isCloseTo(y2, within(tolY));
    }

    @Test
    void inverseMappingClipsToTheImage() {
        Letterbox lb = Letterbox.compute(768, 576, 640, 640);
        BoundingBox b = lb.toOriginal(-50, 10, 700, 639);
        assertThat(b.x1()).isZero();
        assertThat(b.x2()).isEqualTo(768f);
        assertThat(b.y2()).isEqualTo(576f);
        assertThat(b.y1()).isZero(); // 10 px is inside the top padding of 80 px
    }

    @Test
    void rejectsNonPositiveSizesNamingThem() {
        assertThatThrownBy(() -> Letterbox.compute(0, 10, 640, 640)).hasMessageContaining("0x10");
        assertThatThrownBy(() -> Letterbox.compute(10, 10, 640, -1)).hasMessageContaining("640x-1");
    }
}
