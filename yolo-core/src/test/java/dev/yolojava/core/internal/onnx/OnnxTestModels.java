package dev.yolojava.core.internal.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-written ONNX protobufs for tests: no weights, no protobuf library. */
public final class OnnxTestModels {
    private OnnxTestModels() {
    }

    /** @return the smallest valid ONNX model: one Identity node from input "x" of {@code shape} to output "y" */
    public static byte[] identity(long[] shape) {
        return identityChain(shape, "y");
    }

    /**
     * @return Identity nodes in a chain from input "x" of {@code shape} through {@code tensors}; the
     *         last one is the only graph output
     */
    public static byte[] identityChain(long[] shape, String... tensors) {
        byte[] type = typeProto(shape);
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        String from = "x";
        for (String t : tensors) {
            ByteArrayOutputStream node = new ByteArrayOutputStream();
            field(node, 1, bytes(from));
            field(node, 2, bytes(t));
            field(node, 4, bytes("Identity"));
            field(graph, 1, node.toByteArray());
            from = t;
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        field(in, 1, bytes("x"));
        field(in, 2, type);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 1, bytes(from));
        field(out, 2, type);
        field(graph, 2, bytes("g"));
        field(graph, 11, in.toByteArray());
        field(graph, 12, out.toByteArray());
        return model(graph.toByteArray());
    }

    /**
     * @param input        shape of the graph input "x"
     * @param output       shape of the graph output "y"
     * @param nodes        the nodes ({@link #node})
     * @param initializers the initializers ({@link #int64Tensor}, {@link #floatTensor})
     * @return a model of those nodes from "x" to "y", with a value_info entry for "x"
     */
    public static byte[] graph(long[] input, long[] output, java.util.List<byte[]> nodes, java.util.List<byte[]> initializers) {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        nodes.forEach(n -> field(graph, 1, n));
        field(graph, 2, bytes("g"));
        initializers.forEach(t -> field(graph, 5, t));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        field(in, 1, bytes("x"));
        field(in, 2, typeProto(input));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 1, bytes("y"));
        field(out, 2, typeProto(output));
        field(graph, 11, in.toByteArray());
        field(graph, 12, out.toByteArray());
        field(graph, 13, in.toByteArray());
        return model(graph.toByteArray());
    }

    /** @return a NodeProto of {@code op} with integer attributes given as name, value pairs */
    public static byte[] node(String op, String[] inputs, String[] outputs, Object... intAttributes) {
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        for (String i : inputs) {
            field(node, 1, bytes(i));
        }
        for (String o : outputs) {
            field(node, 2, bytes(o));
        }
        field(node, 4, bytes(op));
        for (int i = 0; i < intAttributes.length; i += 2) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            field(a, 1, bytes((String) intAttributes[i]));
            if (intAttributes[i + 1] instanceof long[] ints) {
                for (long v : ints) {
                    a.write(8 << 3);
                    varint(a, v);
                }
                varint(a, 20 << 3);
                varint(a, 7); // INTS
            } else {
                a.write(3 << 3);
                varint(a, ((Number) intAttributes[i + 1]).longValue());
                varint(a, 20 << 3);
                varint(a, 2); // INT
            }
            field(node, 5, a.toByteArray());
        }
        return node.toByteArray();
    }

    /** @return an INT64 TensorProto named {@code name} holding {@code values} as raw data */
    public static byte[] int64Tensor(String name, long... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return tensor(name, 7, values.length, b.array());
    }

    /** @return a FLOAT TensorProto named {@code name} holding {@code values} as raw data */
    public static byte[] floatTensor(String name, float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, 1, values.length, b.array());
    }

    private static byte[] tensor(String name, int type, int n, byte[] raw) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(1 << 3);
        varint(t, n);
        t.write(2 << 3);
        varint(t, type);
        field(t, 8, bytes(name));
        field(t, 9, raw);
        return t.toByteArray();
    }

    /** @return a ModelProto (IR version 8, opset 17) around {@code graph} */
    private static byte[] model(byte[] graph) {
        ByteArrayOutputStream opset = new ByteArrayOutputStream();
        opset.write(2 << 3);
        varint(opset, 17);
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write(1 << 3);
        varint(model, 8);
        field(model, 7, graph);
        field(model, 8, opset.toByteArray());
        return model.toByteArray();
    }

    private static byte[] typeProto(long[] shape) {
        ByteArrayOutputStream dims = new ByteArrayOutputStream();
        for (long v : shape) {
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            if (v < 0) {
                field(d, 2, bytes("batch")); // dim_param: a dynamic dimension
            } else {
                d.write(1 << 3);
                varint(d, v);
            }
            field(dims, 1, d.toByteArray());
        }
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        tensor.write(1 << 3);
        varint(tensor, 1); // FLOAT
        field(tensor, 2, dims.toByteArray());
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        field(type, 1, tensor.toByteArray());
        return type.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void field(ByteArrayOutputStream out, int number, byte[] payload) {
        ProtoBytes.writeField(out, number, payload);
    }

    static void varint(ByteArrayOutputStream out, long v) {
        ProtoBytes.writeVarint(out, v);
    }
}
