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
        ByteArrayOutputStream opset = new ByteArrayOutputStream();
        opset.write(2 << 3);
        varint(opset, 17);
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write(1 << 3);
        varint(model, 8);
        field(model, 7, graph.toByteArray());
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
