package dev.yolojava.core.onnx;

import java.io.ByteArrayOutputStream;

/**
 * The protobuf wire format over byte arrays, as far as the ONNX readers and the graph rewriter
 * need it: varints in and out, length-delimited fields out.
 */
final class ProtoBytes {
    private ProtoBytes() {
    }

    /** @return the varint at {@code p[0]} (advancing it), or -1 when the bytes end inside it */
    static long varint(byte[] b, int[] p) {
        long r = 0;
        for (int shift = 0; shift < 64 && p[0] < b.length; shift += 7) {
            int c = b[p[0]++] & 0xff;
            r |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                return r;
            }
        }
        return -1;
    }

    static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Writes field {@code number} as length-delimited {@code payload}. */
    static void writeField(ByteArrayOutputStream out, int number, byte[] payload) {
        writeVarint(out, (long) number << 3 | 2);
        writeVarint(out, payload.length);
        out.writeBytes(payload);
    }
}
