package dev.yolojava.core.video;

import dev.yolojava.core.image.RawImage;

import java.nio.ByteBuffer;

/** Direct buffers that frames are copied into, one per slot, each grown as needed and reused. */
final class FrameRing {
    private final ByteBuffer[] buffers;

    FrameRing(int slots) {
        this.buffers = new ByteBuffer[slots];
    }

    /** @return a copy of {@code src} in slot {@code slot}'s buffer (what that slot held before is gone) */
    RawImage copy(RawImage src, int slot) {
        int bytes = (int) src.byteLength();
        ByteBuffer b = buffers[slot];
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(bytes);
            buffers[slot] = b;
        }
        b.clear();
        b.put(0, src.pixels(), src.pixels().position(), bytes);
        return new RawImage(b.duplicate().limit(bytes), src.width(), src.height(), src.stride(), src.format());
    }
}
