package dev.yolojava.examples;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.Detection;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AnnotatorTest {
    static final List<Detection> ONE = List.of(new Detection(16, "dog", 0.9f, new BoundingBox(10, 10, 50, 40)));

    @Test
    void whenFontsFailTheBoxesAreStillDrawnAndLabelsAreGivenUpOnce() {
        AtomicInteger calls = new AtomicInteger();
        Annotator a = new Annotator((g, text, x, y, color, thick) -> {
            calls.incrementAndGet();
            throw new UnsatisfiedLinkError("libfontmanager.so: libharfbuzz.so.0: cannot open shared object file");
        });
        BufferedImage src = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage out = a.draw(src, ONE);
        assertThat(a.labelsFailed()).isTrue();
        assertThat(out.getRGB(10, 25) & 0xFFFFFF).as("left edge of the box").isEqualTo(Annotator.color(16).getRGB() & 0xFFFFFF);
        assertThat(out.getRGB(30, 25) & 0xFFFFFF).as("inside the box").isZero();
        a.draw(src, ONE);
        assertThat(calls).as("labels are not tried again after the font code failed").hasValue(1);
    }

    @Test
    void labelsAreDrawnWhenFontsWork() {
        AtomicInteger calls = new AtomicInteger();
        Annotator a = new Annotator((g, text, x, y, color, thick) -> {
            assertThat(text).isEqualTo("dog 0.90");
            calls.incrementAndGet();
        });
        a.draw(new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR), ONE);
        assertThat(calls).hasValue(1);
        assertThat(a.labelsFailed()).isFalse();
    }
}
