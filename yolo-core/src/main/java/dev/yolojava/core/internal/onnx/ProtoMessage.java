package dev.yolojava.core.internal.onnx;

import dev.yolojava.core.ModelLoadException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One protobuf message split into its fields, each with its bytes as they were written (key included), so that a
 * rewriter copies what it leaves alone byte for byte and replaces only what it changes.
 */
final class ProtoMessage {
    /** {@code ModelProto.graph}. */
    static final int MODEL_GRAPH = 7;
    /**
     * One field.
     *
     * @param number the field number
     * @param wire   the wire type
     * @param value  a varint's value (wire 0)
     * @param bytes  a length-delimited field's payload (wire 2), or a fixed field's bytes (wire 1, 5)
     * @param raw    the field as written: key and value
     */
    record Field(int number, int wire, long value, byte[] bytes, byte[] raw) {
        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final List<Field> fields;

    private ProtoMessage(List<Field> fields) {
        this.fields = fields;
    }

    static ProtoMessage parse(byte[] b, String name) {
        List<Field> fs = new ArrayList<>();
        ProtoReader r = ProtoReader.of(b, name);
        for (long start = r.position(), key = r.nextKey(); key >= 0; start = r.position(), key = r.nextKey()) {
            int number = (int) (key >>> 3), wire = (int) (key & 7);
            long value = 0;
            byte[] bytes = null;
            switch (wire) {
                case 0 -> value = r.varint();
                case 1 -> bytes = r.bytes(8);
                case 2 -> bytes = r.bytes(r.length());
                case 5 -> bytes = r.bytes(4);
                default -> throw r.notOnnx("wire type " + wire);
            }
            byte[] raw = java.util.Arrays.copyOfRange(b, (int) start, (int) r.position());
            fs.add(new Field(number, wire, value, bytes, raw));
        }
        return new ProtoMessage(fs);
    }

    /**
     * @param model   a serialized ONNX ModelProto
     * @param name    the model's name, for errors
     * @param rewrite the new GraphProto, from the old one
     * @return the model with its graph rewritten; every other field copied byte for byte, the graph last
     * @throws ModelLoadException when the model has no graph
     */
    static byte[] withGraph(byte[] model, String name, java.util.function.UnaryOperator<byte[]> rewrite) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64 * 1024);
        byte[] graph = null;
        for (Field f : parse(model, name).fields) {
            if (f.number() == MODEL_GRAPH && f.wire() == 2) {
                graph = f.bytes();
            } else {
                out.writeBytes(f.raw());
            }
        }
        if (graph == null) {
            throw new ModelLoadException("ONNX model " + name + " has no graph");
        }
        ProtoBytes.writeField(out, MODEL_GRAPH, rewrite.apply(graph));
        return out.toByteArray();
    }

    List<Field> all(int number) {
        return fields.stream().filter(f -> f.number() == number).toList();
    }

    /** @return the last value of string field {@code number}, or "" */
    String string(int number) {
        String s = "";
        for (Field f : fields) {
            if (f.number() == number && f.wire() == 2) {
                s = f.string();
            }
        }
        return s;
    }

    /** @return the repeated string field {@code number} */
    List<String> strings(int number) {
        return fields.stream().filter(f -> f.number() == number && f.wire() == 2).map(Field::string).toList();
    }

    /** @return the last value of varint field {@code number}, or {@code def} */
    long varint(int number, long def) {
        long v = def;
        for (Field f : fields) {
            if (f.number() == number && f.wire() == 0) {
                v = f.value();
            }
        }
        return v;
    }

    /** @return the message field {@code number} (the last one), or null */
    ProtoMessage message(int number, String name) {
        ProtoMessage m = null;
        for (Field f : fields) {
            if (f.number() == number && f.wire() == 2) {
                m = parse(f.bytes(), name);
            }
        }
        return m;
    }

    /** @return a repeated int64 field, packed or not */
    long[] int64s(int number, String name) {
        List<Long> vs = new ArrayList<>();
        for (Field f : fields) {
            if (f.number() != number) {
                continue;
            }
            if (f.wire() == 0) {
                vs.add(f.value());
            } else if (f.wire() == 2) {
                ProtoReader r = ProtoReader.of(f.bytes(), name);
                while (r.position() < f.bytes().length) {
                    vs.add(r.varint());
                }
            }
        }
        return vs.stream().mapToLong(Long::longValue).toArray();
    }

    /** @return a repeated float field, packed or not */
    float[] floats(int number) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Field f : fields) {
            if (f.number() == number && (f.wire() == 2 || f.wire() == 5)) {
                all.writeBytes(f.bytes());
            }
        }
        ByteBuffer bb = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        float[] r = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(r);
        return r;
    }
}
