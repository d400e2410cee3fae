package dev.yolojava.core.image.internal;

/**
 * What the markers of a JPEG say before any pixel is decoded: size, components, coding, EXIF
 * orientation, and whether the stream ends with its end-of-image marker. Used to route a JPEG to the
 * decoder that handles it, to size the buffer it is decoded into, and to refuse a truncated file
 * instead of decoding it into a half-gray picture.
 *
 * @param width       frame width as stored (before EXIF orientation)
 * @param height      frame height as stored
 * @param components  1 (gray), 3 (YCbCr/RGB) or 4 (CMYK/YCCK)
 * @param progressive whether the frame is progressive (SOF2/SOF6/SOF10/SOF14)
 * @param baseline    whether the frame is baseline sequential DCT (SOF0)
 * @param precision   bits per sample (8, or 12 for extended)
 * @param orientation EXIF orientation 1..8 (1 when absent)
 * @param complete    whether the stream has a start-of-scan and ends with the EOI marker
 * @param headerBytes the bytes from the start of the file to the end of its first start-of-scan segment (the
 *                    markers a decoder parses before any entropy-coded data), or the file's length without a scan
 */
public record JpegHeader(int width, int height, int components, boolean progressive, boolean baseline, int precision,
                         int orientation, boolean complete, int headerBytes) {

    /**
     * @param d the file's bytes
     * @return the header, or null when {@code d} is not a JPEG (no SOI marker)
     * @throws IllegalArgumentException when it starts like a JPEG but its markers are broken or it has no frame
     */
    public static JpegHeader parse(byte[] d) {
        if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            return null;
        }
        int i = 2, width = -1, height = -1, components = 0, precision = 0, orientation = 1, scanAt = -1;
        int headerEnd = d.length;
        boolean progressive = false, baseline = false, scan = false;
        while (i + 4 <= d.length) {
            if ((d[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("broken JPEG marker at byte " + i);
            }
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                i += 2;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            int len = u16(d, i + 2);
            if (len < 2 || i + 2 + len > d.length) {
                throw new IllegalArgumentException("JPEG segment 0x" + Integer.toHexString(marker) + " at byte " + i
                        + " runs past the end of the file (" + d.length + " bytes)");
            }
            int body = i + 4;
            if (isFrame(marker) && len >= 8) {
                precision = d[body] & 0xFF;
                height = u16(d, body + 1);
                width = u16(d, body + 3);
                components = d[body + 5] & 0xFF;
                progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                baseline = marker == 0xC0;
            } else if (marker == 0xE1 && len > 8 && d[body] == 'E' && d[body + 1] == 'x' && d[body + 2] == 'i'
                    && d[body + 3] == 'f') {
                orientation = exifOrientation(d, body + 6, body + len - 2);
            } else if (marker == 0xDA) {
                scan = true;
                scanAt = i;
                headerEnd = i + 2 + len;
                break;
            }
            i += 2 + len;
        }
        if (width <= 0 || height <= 0 || components == 0) {
            throw new IllegalArgumentException("JPEG has no frame header (SOF) before its image data");
        }
        return new JpegHeader(width, height, components, progressive, baseline, precision, orientation,
                scan && endsWithEoi(d, scanAt), headerEnd);
    }

    private static boolean isFrame(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /**
     * Whether an EOI marker follows the scan near the end of the file. Inside entropy-coded data 0xFF is
     * always followed by 0x00 or a restart marker, so 0xFF 0xD9 after the scan can only be the EOI; a
     * trailer after it (some cameras append one) is allowed up to 64 KiB.
     */
    private static boolean endsWithEoi(byte[] d, int scanAt) {
        for (int i = d.length - 2, stop = Math.max(scanAt, d.length - 65536); i > stop; i--) {
            if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** Reads tag 0x0112 of IFD0 from the TIFF structure in {@code [tiff, end)}; 1 when absent or unreadable. */
    static int exifOrientation(byte[] d, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = d[tiff] == 'I' && d[tiff + 1] == 'I';
        if (!little && !(d[tiff] == 'M' && d[tiff + 1] == 'M')) {
            return 1;
        }
        int ifd = tiff + (int) u32(d, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 1;
        }
        int entries = u16(d, ifd, little);
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + 12 * e;
            if (at + 12 > end) {
                return 1;
            }
            if (u16(d, at, little) == 0x0112) {
                int v = u16(d, at + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | d[i + 1] & 0xFF;
    }

    private static int u16(byte[] d, int i, boolean little) {
        return little ? (d[i + 1] & 0xFF) << 8 | d[i] & 0xFF : u16(d, i);
    }

    private static long u32(byte[] d, int i, boolean little) {
        return little ? (long) (d[i + 3] & 0xFF) << 24 | (d[i + 2] & 0xFF) << 16 | (d[i + 1] & 0xFF) << 8 | d[i] & 0xFF
                : (long) (d[i] & 0xFF) << 24 | (d[i + 1] & 0xFF) << 16 | (d[i + 2] & 0xFF) << 8 | d[i + 3] & 0xFF;
    }
}
