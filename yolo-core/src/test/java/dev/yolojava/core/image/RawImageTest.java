package dev.yolojava.core.image;

import dev.yolojava.core.InvalidImageException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawImageTest {

    @Test
    void rejectsBadGeometryWithExpectedAndGot() {
        assertThatThrownBy(() -> new RawImage(ByteBuffer.allocate(100), 10, 2, 20, PixelFormat.RGB))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("expected >= 30").hasMessageContaining("got 20");
        assertThatThrownBy(() -> RawImage.rgb(new byte[10], 2, 2))
                .hasMessageContaining("expected >= 12 bytes, got 10");
        assertThatThrownBy(() -> RawImage.rgb(new byte[0], 0, 2)).hasMessageContaining("0x2");
    }

    @Test
    void unreadableFilesAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path txt = Files.writeString(dir.resolve("notes.jpg"), "not an image");
        assertThatThrownBy(() -> RawImage.read(txt)).isInstanceOf(InvalidImageException.class).hasMessageContaining("notes.jpg");
        assertThatThrownBy(() -> RawImage.read(dir.resolve("missing.png"))).hasMessageContaining("missing.png");
        assertThatThrownBy(() -> RawImage.decode(new byte[]{1, 2, 3}, "upload"))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("upload");
    }
}
