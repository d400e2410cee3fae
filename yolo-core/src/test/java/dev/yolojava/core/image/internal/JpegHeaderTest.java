package dev.yolojava.core.image.internal;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JpegHeaderTest {

    static byte[] jpeg(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR), "jpg", out);
        return out.toByteArray();
    }

    @Test
    void theHeaderEndsWithTheFirstScanSegmentSoItsBytesAloneParseToTheSameFrame() throws Exception {
        byte[] d = jpeg(96, 64);
        JpegHeader full = JpegHeader.parse(d);
        assertThat(full.complete()).isTrue();
        assertThat(full.headerBytes()).isBetween(100, d.length - 1);
        assertThat(d[full.headerBytes() - 1]).as("ends inside the SOS segment, not at a marker").isNotEqualTo((byte) 0xFF);
        JpegHeader head = JpegHeader.parse(Arrays.copyOf(d, full.headerBytes()));
        assertThat(head.width()).isEqualTo(96);
        assertThat(head.height()).isEqualTo(64);
        assertThat(head.components()).isEqualTo(3);
        assertThat(head.baseline()).isTrue();
        assertThat(head.headerBytes()).isEqualTo(full.headerBytes());
        assertThat(head.complete()).as("no entropy-coded data, no EOI").isFalse();
        assertThatThrownBy(() -> JpegHeader.parse(Arrays.copyOf(d, full.headerBytes() - 1)))
                .as("one byte less cuts the scan segment").hasMessageContaining("runs past the end");
    }
}
