package dev.yolojava.core.video;

import dev.yolojava.core.image.RawImage;

import java.nio.ByteBuffer;

/** Direct buffers that frames are copied into, one per slot, each grown as needed and reused. */
final class FrameRing {
    private final ByteBuffer[] buffers;

    FrameRing(int slots) {
        this.buffers = new ByteBuffer[slots];
    }

    /**
     * @return slot {@code slot}'s buffer, at least {@code bytes} long, positioned at 0 with its limit at
     *         {@code bytes}, for a decoder to write into (what that slot held before is gone)
     */
    ByteBuffer buffer(int slot, int bytes) {
        ByteBuffer b = buffers[slot];
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(bytes);
            buffers[slot] = b;
        }
        return b.duplicate().clear().limit(bytes);
    }

    /** @return a copy of {@code src} in slot {@code slot}'s buffer (what that slot held before is gone) */
    RawImage copy(RawImage src, int slot) {
        int bytes = (int) src.byteLength();
        ByteBuffer b = buffer(slot, bytes);
        b.put(0, src.pixels(), src.pixels().position(), bytes);
        return new RawImage(b, src.width(), src.height(), src.stride(), src.format());
    }

}
