package dev.yolojava.core.internal.onnx;

import java.io.ByteArrayOutputStream;

/**
 * Writing the protobuf wire format, as far as the graph rewriter and the test models need it: varints and
 * length-delimited fields. Reading is {@link ProtoReader}'s.
 */
final class ProtoBytes {
    private ProtoBytes() {
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
