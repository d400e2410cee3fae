package dev.yolojava.core.image.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A baseline JPEG cut at its restart markers into horizontal bands of whole MCU rows, each a JPEG of its own that
 * any decoder reads, so that one image's bands decode on several cores at once. Restart markers reset the entropy
 * decoder's state (the DC predictions), so the data between two of them decodes alone; cameras' and many encoders'
 * JPEGs carry one per MCU row (six of the seven darknet samples do). A band's file is the original's tables, its
 * frame header with the band's height, the scan header, the band's intervals with their restart markers numbered from
 * 0 again, and an end-of-image marker; application segments are left out (the EXIF orientation applies to the whole
 * image), Adobe's (the color transform) is kept.
 *
 * <p>Pixels equal the whole image's. Where chroma is subsampled vertically, the decoder's smooth upsampling of a
 * band's first and last rows reads the chroma of the MCU rows beyond them, so such bands are cut with one MCU row
 * (or restart interval) of context on each inner side, decoded and dropped ({@link Band#skipRows()},
 * {@link Band#decodedRows()}).
 *
 * @param bands the bands, top to bottom
 */
record RestartBands(List<Band> bands) {

    /**
     * One band.
     *
     * @param firstRow    its first pixel row in the image
     * @param rows        its pixel rows
     * @param skipRows    the context rows its file decodes above them, to drop
     * @param decodedRows the rows its file decodes: {@code skipRows + rows} and any context rows below
     * @param jpeg        the band as a JPEG file
     */
    record Band(int firstRow, int rows, int skipRows, int decodedRows, byte[] jpeg) {
        /** @return whether the band decodes to exactly its own rows (no context to drop) */
        boolean exact() {
            return skipRows == 0 && decodedRows == rows;
        }
    }

    RestartBands {
        bands = List.copyOf(bands);
    }

    /**
     * @param d           a JPEG file's bytes
     * @param maxBands    the most bands wanted ({@code >= 2})
     * @param minMcuRows  the fewest MCU rows a band may have
     * @return the image cut into at most {@code maxBands} bands of at least {@code minMcuRows} MCU rows, or null where
     *         it is not cut: not baseline 8-bit with one scan of every component, no restart interval, intervals that
     *         do not end on MCU-row boundaries, restart markers missing or out of order (a damaged file then decodes
     *         whole, and fails there, naming itself), or too few rows for two bands
     */
    static RestartBands split(byte[] d, int maxBands, int minMcuRows) {
        if (maxBands < 2 || d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            return null;
        }
        List<int[]> kept = new ArrayList<>(); // {offset, length} of the segments every band repeats
        int sof = -1, restartInterval = 0, width = 0, height = 0, components = 0, hMax = 1, vMax = 1;
        int sos = -1, scanStart = -1;
        int i = 2;
        while (i + 4 <= d.length) {
            if ((d[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0xD9) {
                return null; // no scan before these
            }
            int len = (d[i + 2] & 0xFF) << 8 | d[i + 3] & 0xFF;
            if (len < 2 || i + 2 + len > d.length) {
                return null;
            }
            if (marker == 0xC0) {
                if (len < 8 || (d[i + 4] & 0xFF) != 8) {
                    return null;
                }
                height = (d[i + 5] & 0xFF) << 8 | d[i + 6] & 0xFF;
                width = (d[i + 7] & 0xFF) << 8 | d[i + 8] & 0xFF;
                components = d[i + 9] & 0xFF;
                if (len < 8 + 3 * components) {
                    return null;
                }
                for (int c = 0; c < components; c++) {
                    int s = d[i + 11 + 3 * c] & 0xFF;
                    hMax = Math.max(hMax, s >> 4);
                    vMax = Math.max(vMax, s & 15);
                }
                sof = kept.size();
                kept.add(new int[]{i, 2 + len});
            } else if (marker >= 0xC1 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return null; // progressive, extended, lossless, arithmetic: not cut
            } else if (marker == 0xDD) {
                if (len != 4) {
                    return null;
                }
                restartInterval = (d[i + 4] & 0xFF) << 8 | d[i + 5] & 0xFF;
                kept.add(new int[]{i, 2 + len});
            } else if (marker == 0xDA) {
                if ((d[i + 4] & 0xFF) != components) {
                    return null; // a scan of some components only: several scans
                }
                sos = i;
                scanStart = i + 2 + len;
                break;
            } else if (marker == 0xC4 || marker == 0xDB || marker == 0xEE) {
                kept.add(new int[]{i, 2 + len}); // Huffman and quantization tables, Adobe's color transform
            }
            i += 2 + len;
        }
        if (sof < 0 || sos < 0 || restartInterval == 0 || width == 0 || height == 0 || components == 0) {
            return null;
        }
        int mcuW = components == 1 ? 8 : 8 * hMax, mcuH = components == 1 ? 8 : 8 * vMax;
        int perRow = (width + mcuW - 1) / mcuW, mcuRows = (height + mcuH - 1) / mcuH;
        // intervals per MCU row, or MCU rows per interval: band edges must fall on both
        int rowsPerEdge;
        int intervalsPerEdge;
        if (perRow % restartInterval == 0) {
            rowsPerEdge = 1;
            intervalsPerEdge = perRow / restartInterval;
        } else if (restartInterval % perRow == 0) {
            rowsPerEdge = restartInterval / perRow;
            intervalsPerEdge = 1;
        } else {
            return null;
        }
        long mcus = (long) perRow * mcuRows;
        int intervals = (int) ((mcus + restartInterval - 1) / restartInterval);
        int[] restarts = restartMarkers(d, scanStart, intervals - 1);
        if (restarts == null) {
            return null;
        }
        int edges = mcuRows / rowsPerEdge; // whole edge units; the last band takes any remainder
        int n = Math.min(maxBands, Math.min(edges, mcuRows / Math.max(1, minMcuRows)));
        if (n < 2) {
            return null;
        }
        int context = components > 1 && vMax > 1 ? 1 : 0; // edge units decoded beyond a band's inner sides
        List<Band> bands = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            int fromEdge = (int) ((long) edges * b / n), toEdge = (int) ((long) edges * (b + 1) / n);
            int fromRow = fromEdge * rowsPerEdge, toRow = b == n - 1 ? mcuRows : toEdge * rowsPerEdge;
            int decFromEdge = b == 0 ? 0 : fromEdge - context, decToEdge = toEdge + context;
            boolean toEnd = b == n - 1 || decToEdge >= edges; // the band's file runs to the image's end
            int decFromRow = decFromEdge * rowsPerEdge, decToRow = toEnd ? mcuRows : decToEdge * rowsPerEdge;
            int first = decFromEdge * intervalsPerEdge, last = toEnd ? intervals : decToEdge * intervalsPerEdge;
            int pixelFrom = fromRow * mcuH, pixelTo = Math.min(height, toRow * mcuH);
            int decFrom = decFromRow * mcuH, decTo = Math.min(height, decToRow * mcuH);
            bands.add(new Band(pixelFrom, pixelTo - pixelFrom, pixelFrom - decFrom, decTo - decFrom,
                    bandFile(d, kept, sof, sos, scanStart, restarts, first, last, decTo - decFrom)));
        }
        return new RestartBands(bands);
    }

    /**
     * @return the offsets of the scan's {@code count} restart markers, numbered 0 to 7 in turn, and after them the
     *         offset of the end-of-image marker; null where they are not all there in order or another marker ends
     *         the scan
     */
    private static int[] restartMarkers(byte[] d, int from, int count) {
        int[] at = new int[count + 1];
        int found = 0;
        for (int i = from; i + 1 < d.length; i++) {
            if ((d[i] & 0xFF) != 0xFF) {
                continue;
            }
            int m = d[i + 1] & 0xFF;
            if (m == 0x00 || m == 0xFF) {
                continue; // a stuffed 0xFF in the data, or fill
            }
            if (m >= 0xD0 && m <= 0xD7) {
                if (found == count || m - 0xD0 != (found & 7)) {
                    return null;
                }
                at[found++] = i;
                i++;
                continue;
            }
            if (m == 0xD9 && found == count) {
                at[count] = i;
                return at;
            }
            return null;
        }
        return null;
    }

    private static byte[] bandFile(byte[] d, List<int[]> kept, int sof, int sos, int scanStart, int[] restarts,
                                   int first, int last, int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (int k = 0; k < kept.size(); k++) {
            int[] seg = kept.get(k);
            if (k == sof) {
                byte[] frame = java.util.Arrays.copyOfRange(d, seg[0], seg[0] + seg[1]);
                frame[5] = (byte) (rows >> 8);
                frame[6] = (byte) rows;
                out.write(frame, 0, frame.length);
            } else {
                out.write(d, seg[0], seg[1]);
            }
        }
        out.write(d, sos, scanStart - sos);
        int start = first == 0 ? scanStart : restarts[first - 1] + 2;
        for (int j = first; j < last; j++) { // interval j, then (but after the band's last) its restart marker renumbered
            int end = restarts[j];
            int from = j == first ? start : restarts[j - 1] + 2;
            out.write(d, from, end - from);
            if (j < last - 1) {
                out.write(0xFF);
                out.write(0xD0 + ((j - first) & 7));
            }
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }
}
