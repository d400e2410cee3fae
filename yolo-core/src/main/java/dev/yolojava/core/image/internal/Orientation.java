package dev.yolojava.core.image.internal;

/** Applies an EXIF orientation (1..8) to an interleaved 3-byte-per-pixel image. */
final class Orientation {
    private Orientation() {
    }

    /**
     * @param src         pixels, {@code 3 * w * h} bytes, rows of {@code 3 * w}
     * @param w           stored width
     * @param h           stored height
     * @param orientation EXIF orientation 1..8
     * @param dst         {@code 3 * w * h} bytes for the upright image, whose rows are {@code 3 * w} long for
     *                    orientations 1..4 and {@code 3 * h} long for 5..8 (width and height swap)
     */
    static void apply(byte[] src, int w, int h, int orientation, byte[] dst) {
        boolean swap = orientation >= 5;
        int ow = swap ? h : w, oh = swap ? w : h;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx, sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> { sx = x; sy = y; }
                }
                int s = 3 * (sy * w + sx), d = 3 * (y * ow + x);
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
    }
}
