package dev.yolojava.core.internal.onnx;

import dev.yolojava.core.ModelLoadException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one protobuf wire-format reader of the ONNX code: field keys, varints, length-delimited bytes and
 * skipping, over a stream (a model file read without loading its weights) or a byte array, counting the
 * bytes read so that callers can slice the array. Malformed input is a {@link ModelLoadException}
 * "not an ONNX model: NAME (...)"; a failing stream an {@link UncheckedIOException}.
 */
final class ProtoReader {
    private final InputStream in;
    private final String name;
    private long position;

    ProtoReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** @return a reader over {@code b[from, to)}, positions counted from {@code from} */
    static ProtoReader of(byte[] b, int from, int to, String name) {
        ProtoReader r = new ProtoReader(new ByteArrayInputStream(b, from, to - from), name);
        r.position = from;
        return r;
    }

    /** @return a reader over all of {@code b} */
    static ProtoReader of(byte[] b, String name) {
        return of(b, 0, b.length, name);
    }

    /** @return bytes consumed so far (for an array reader: the index of the next byte) */
    long position() {
        return position;
    }

    /** @return the next field's key ({@code field << 3 | wire}), or -1 at the end of the input */
    long nextKey() {
        int first = read();
        return first < 0 ? -1 : varint(first);
    }

    /** @return the next varint */
    long varint() {
        return varint(read());
    }

    /** @return the next length prefix, checked to be a plausible length */
    long length() {
        long n = varint();
        if (n < 0) {
            throw notOnnx("negative length");
        }
        return n;
    }

    /** @return the next {@code n} bytes */
    byte[] bytes(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw notOnnx("field of " + n + " bytes");
        }
        try {
            byte[] b = in.readNBytes((int) n);
            position += b.length;
            if (b.length < n) {
                throw notOnnx("truncated protobuf");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips {@code n} bytes. */
    void skip(long n) {
        try {
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw notOnnx("truncated protobuf");
                    }
                    s = 1;
                }
                left -= s;
            }
            position += n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the value of a field of wire type {@code wire} whose key was just read. */
    void skipValue(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> skip(8);
            case 2 -> skip(length());
            case 5 -> skip(4);
            default -> throw notOnnx("protobuf wire type " + wire);
        }
    }

    /** @return a {@link ModelLoadException} naming the model and {@code why} */
    ModelLoadException notOnnx(String why) {
        return new ModelLoadException("not an ONNX model: " + name + " (" + why + ")");
    }

    private int read() {
        try {
            int c = in.read();
            if (c >= 0) {
                position++;
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long varint(int first) {
        if (first < 0) {
            throw notOnnx("truncated protobuf");
        }
        long r = first & 0x7f;
        int c = first;
        for (int shift = 7; (c & 0x80) != 0; shift += 7) {
            c = read();
            if (c < 0 || shift > 63) {
                throw notOnnx("truncated protobuf");
            }
            r |= (long) (c & 0x7f) << shift;
        }
        return r;
    }
}
