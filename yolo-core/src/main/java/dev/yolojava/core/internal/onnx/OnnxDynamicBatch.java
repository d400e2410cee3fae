package dev.yolojava.core.internal.onnx;

import dev.yolojava.core.ModelLoadException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a model exported with a fixed batch of 1 (most YOLO exports: {@code images [1,3,640,640]}) into one whose
 * batch is dynamic, so that TensorRT can build one engine that runs a whole batch in one execution instead of one
 * execution per image. The protobuf is rewritten in place: the graph's inputs and outputs get a symbolic first
 * dimension ({@code batch}), every {@code Reshape} target that starts with the batch of 1 starts with 0 ("copy the
 * input's batch") instead, and the graph's {@code value_info} shape annotations (which name the old batch) are
 * dropped; everything else is copied byte for byte. Only graphs whose every operator is known to keep the batch in
 * the first dimension are rewritten (convolutions, pointwise operators, pooling, and concatenations, slices, splits,
 * softmaxes, resizes and transposes that leave the first axis alone); anything else is refused with the reason.
 */
public final class OnnxDynamicBatch {
    /** The symbolic batch dimension the rewritten inputs and outputs carry. */
    public static final String BATCH = "batch";
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_INT = 3;
    private static final int ATTR_TENSOR = 5;
    private static final int ATTR_INTS = 8;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_TYPE = 2;
    private static final int TENSOR_FLOATS = 4;
    private static final int TENSOR_INT64S = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW = 9;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT64 = 7;

    /** Operators that work on each image of a batch alone, whatever their attributes. */
    private static final Set<String> PER_IMAGE = Set.of("Conv", "ConvTranspose", "Relu", "LeakyRelu", "Sigmoid",
            "HardSigmoid", "HardSwish", "Tanh", "Mul", "Add", "Sub", "Div", "Pow", "Sqrt", "Exp", "Log", "Neg", "Abs",
            "Clip", "Identity", "Cast", "Erf", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "BatchNormalization", "InstanceNormalization", "Max", "Min", "Floor", "Ceil", "Round", "Mish", "Softplus",
            "Elu", "Selu", "PRelu", "Constant", "Dropout");
    /** Pointwise operators with two operands: a constant operand must broadcast over the batch. */
    private static final Set<String> BROADCASTING = Set.of("Mul", "Add", "Sub", "Div", "Pow", "Max", "Min", "PRelu");

    private OnnxDynamicBatch() {
    }

    /**
     * @param model the serialized ModelProto, batch fixed at 1
     * @param name  the model's name, for messages
     * @return the model with a dynamic batch
     * @throws UnsupportedOperationException naming the operator or tensor that keeps it from taking a dynamic batch
     * @throws ModelLoadException            when the bytes are not an ONNX model
     */
    public static byte[] rewrite(byte[] model, String name) {
        return ProtoMessage.withGraph(model, name, graph -> rewriteGraph(ProtoMessage.parse(graph, name), name));
    }

    private record Node(String op, List<String> inputs, List<String> outputs, ProtoMessage message) {
    }

    private static byte[] rewriteGraph(ProtoMessage g, String name) {
        List<Node> nodes = new ArrayList<>();
        Map<String, ProtoMessage> initializers = new HashMap<>();
        for (ProtoMessage.Field f : g.fields) {
            if (f.number() == GRAPH_NODE) {
                ProtoMessage n = ProtoMessage.parse(f.bytes(), name);
                nodes.add(new Node(n.string(NODE_OP), n.strings(NODE_INPUT), n.strings(NODE_OUTPUT), n));
            } else if (f.number() == GRAPH_INITIALIZER) {
                ProtoMessage t = ProtoMessage.parse(f.bytes(), name);
                initializers.put(t.string(TENSOR_NAME), t);
            }
        }
        Map<String, ProtoMessage> constants = new HashMap<>(initializers); // Constant nodes' values too
        for (Node n : nodes) {
            if (n.op().equals("Constant") && !n.outputs().isEmpty()) {
                ProtoMessage v = attribute(n, "value", name);
                if (v != null && v.message(ATTR_TENSOR, name) != null) {
                    constants.put(n.outputs().get(0), v.message(ATTR_TENSOR, name));
                }
            }
        }
        Set<String> reshapeTargets = new HashSet<>();
        for (Node n : nodes) {
            check(n, constants, initializers, reshapeTargets, name);
        }
        for (Node n : nodes) { // a Reshape target rewritten must not feed anything else
            for (int i = 0; i < n.inputs().size(); i++) {
                String in = n.inputs().get(i);
                if (reshapeTargets.contains(in) && !(n.op().equals("Reshape") && i == 1)) {
                    throw refuse(name, "tensor '" + in + "' is both a Reshape target and an input of " + n.op());
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int inputs = 0;
        for (ProtoMessage.Field f : g.fields) {
            switch (f.number()) {
                case GRAPH_VALUE_INFO -> { // shape annotations with the old batch: TensorRT infers them again
                }
                case GRAPH_INITIALIZER -> {
                    ProtoMessage t = ProtoMessage.parse(f.bytes(), name);
                    String tn = t.string(TENSOR_NAME);
                    out.writeBytes(reshapeTargets.contains(tn)
                            ? field(GRAPH_INITIALIZER, batchCopyingTarget(t, tn, name)) : f.raw());
                }
                case GRAPH_INPUT, GRAPH_OUTPUT -> {
                    ProtoMessage v = ProtoMessage.parse(f.bytes(), name);
                    if (f.number() == GRAPH_INPUT && initializers.containsKey(v.string(1))) {
                        out.writeBytes(f.raw()); // an initializer listed among the inputs (older exports)
                    } else {
                        out.writeBytes(field(f.number(), dynamicFirstDim(v, name)));
                        inputs += f.number() == GRAPH_INPUT ? 1 : 0;
                    }
                }
                default -> out.writeBytes(f.raw());
            }
        }
        if (inputs == 0) {
            throw new ModelLoadException("ONNX model " + name + " declares no graph input");
        }
        return out.toByteArray();
    }

    /** Checks that {@code n} keeps the batch in the first dimension; collects the Reshape targets to rewrite. */
    private static void check(Node n, Map<String, ProtoMessage> constants, Map<String, ProtoMessage> initializers,
                              Set<String> reshapeTargets, String name) {
        String op = n.op();
        if (BROADCASTING.contains(op)) {
            for (String in : n.inputs()) {
                ProtoMessage c = constants.get(in);
                long[] dims = c == null ? null : c.int64s(TENSOR_DIMS, name);
                if (dims != null && dims.length >= 3 && dims[0] != 1) { // a per-image constant with a batch of its own
                    throw refuse(name, op + " with constant '" + in + "' of shape " + java.util.Arrays.toString(dims));
                }
            }
        }
        if (PER_IMAGE.contains(op)) {
            return;
        }
        switch (op) {
            case "Concat" -> requireAxis(n, "axis", false, name);
            case "Split", "Gather" -> requireAxis(n, "axis", true, name);
            case "Softmax", "LogSoftmax", "Flatten" -> requireAxis(n, "axis", false, name);
            case "Transpose" -> {
                ProtoMessage perm = attribute(n, "perm", name);
                long[] p = perm == null ? new long[0] : perm.int64s(ATTR_INTS, name);
                if (p.length == 0 || p[0] != 0) {
                    throw refuse(name, "Transpose moves the batch (perm " + java.util.Arrays.toString(p) + ")");
                }
            }
            case "Slice" -> {
                long[] axes = n.inputs().size() > 3 ? int64Constant(constants, n.inputs().get(3), name) : null;
                if (axes == null) {
                    ProtoMessage a = attribute(n, "axes", name);
                    axes = a == null ? null : a.int64s(ATTR_INTS, name);
                }
                if (axes == null) {
                    throw refuse(name, "Slice without constant axes (it may cut the batch)");
                }
                for (long a : axes) {
                    if (a == 0) {
                        throw refuse(name, "Slice along the batch axis");
                    }
                }
            }
            case "Resize", "Upsample" -> {
                int scalesAt = op.equals("Resize") ? 2 : 1;
                if (n.inputs().size() > 3 && !n.inputs().get(3).isEmpty()) {
                    throw refuse(name, "Resize to fixed sizes (they include the batch)");
                }
                float[] scales = n.inputs().size() > scalesAt ? floatConstant(constants, n.inputs().get(scalesAt), name) : null;
                if (scales == null || scales.length == 0 || scales[0] != 1f) {
                    throw refuse(name, op + " without constant scales that keep the batch");
                }
            }
            case "Reshape" -> {
                ProtoMessage allowZero = attribute(n, "allowzero", name);
                if (allowZero != null && allowZero.varint(ATTR_INT, 0) != 0) {
                    throw refuse(name, "Reshape with allowzero=1");
                }
                String target = n.inputs().size() > 1 ? n.inputs().get(1) : "";
                ProtoMessage t = initializers.get(target);
                long[] shape = t == null ? null : int64Values(t, name);
                if (shape == null || shape.length == 0) {
                    throw refuse(name, "Reshape to a shape that is not a constant initializer ('" + target + "')");
                }
                if (shape[0] == 1) {
                    reshapeTargets.add(target);
                } else if (shape[0] != 0 && shape[0] != -1) {
                    throw refuse(name, "Reshape to " + java.util.Arrays.toString(shape) + " (the batch moves)");
                }
            }
            default -> throw refuse(name, "operator " + op + " (not known to keep the batch in the first dimension)");
        }
    }

    private static void requireAxis(Node n, String attr, boolean defaultIsBatch, String name) {
        ProtoMessage a = attribute(n, attr, name);
        if (a == null ? defaultIsBatch : a.varint(ATTR_INT, 0) == 0) {
            throw refuse(name, n.op() + " along the batch axis");
        }
    }

    private static ProtoMessage attribute(Node n, String attr, String name) {
        for (ProtoMessage.Field f : n.message().all(NODE_ATTRIBUTE)) {
            ProtoMessage a = ProtoMessage.parse(f.bytes(), name);
            if (a.string(ATTR_NAME).equals(attr)) {
                return a;
            }
        }
        return null;
    }

    private static long[] int64Constant(Map<String, ProtoMessage> constants, String tensor, String name) {
        ProtoMessage t = constants.get(tensor);
        return t == null ? null : int64Values(t, name);
    }

    private static float[] floatConstant(Map<String, ProtoMessage> constants, String tensor, String name) {
        ProtoMessage t = constants.get(tensor);
        if (t == null || t.varint(TENSOR_TYPE, 0) != TYPE_FLOAT) {
            return null;
        }
        return t.all(TENSOR_RAW).isEmpty() ? t.floats(TENSOR_FLOATS) : t.floats(TENSOR_RAW); // both little-endian
    }

    /** @return an INT64 tensor's values (raw or in int64_data), or null for another type */
    private static long[] int64Values(ProtoMessage t, String name) {
        if (t.varint(TENSOR_TYPE, 0) != TYPE_INT64) {
            return null;
        }
        ProtoMessage.Field raw = t.fields.stream().filter(f -> f.number() == TENSOR_RAW).findFirst().orElse(null);
        if (raw == null) {
            return t.int64s(TENSOR_INT64S, name);
        }
        ByteBuffer bb = ByteBuffer.wrap(raw.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        long[] r = new long[bb.remaining() / 8];
        bb.asLongBuffer().get(r);
        return r;
    }

    /** @return the Reshape target {@code t} with its leading 1 replaced by 0 ("the input's batch"), as raw data */
    private static byte[] batchCopyingTarget(ProtoMessage t, String tensor, String name) {
        long[] shape = int64Values(t, name);
        shape[0] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ProtoMessage.Field f : t.fields) {
            if (f.number() != TENSOR_RAW && f.number() != TENSOR_INT64S) {
                out.writeBytes(f.raw());
            }
        }
        ByteBuffer bb = ByteBuffer.allocate(8 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(shape);
        ProtoBytes.writeField(out, TENSOR_RAW, bb.array());
        return out.toByteArray();
    }

    /** @return the ValueInfoProto {@code v} with its tensor's first dimension symbolic ({@link #BATCH}) */
    private static byte[] dynamicFirstDim(ProtoMessage v, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ProtoMessage.Field f : v.fields) {
            if (f.number() != 2 || f.wire() != 2) { // name, doc_string: as they are
                out.writeBytes(f.raw());
                continue;
            }
            ByteArrayOutputStream type = new ByteArrayOutputStream();
            for (ProtoMessage.Field tf : ProtoMessage.parse(f.bytes(), name).fields) {
                if (tf.number() != 1 || tf.wire() != 2) { // not a tensor type: as it is
                    type.writeBytes(tf.raw());
                    continue;
                }
                ByteArrayOutputStream tensor = new ByteArrayOutputStream();
                for (ProtoMessage.Field sf : ProtoMessage.parse(tf.bytes(), name).fields) {
                    tensor.writeBytes(sf.number() == 2 && sf.wire() == 2 ? field(2, batchShape(sf.bytes(), v, name))
                            : sf.raw());
                }
                ProtoBytes.writeField(type, 1, tensor.toByteArray());
            }
            ProtoBytes.writeField(out, 2, type.toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] batchShape(byte[] shape, ProtoMessage v, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (ProtoMessage.Field d : ProtoMessage.parse(shape, name).fields) {
            if (first && d.number() == 1 && d.wire() == 2) {
                first = false;
                ProtoMessage dim = ProtoMessage.parse(d.bytes(), name);
                long value = dim.varint(1, -1);
                if (value != 1) {
                    throw refuse(name, "'" + v.string(1) + "' has batch " + (value < 0 ? "'" + dim.string(2) + "'"
                            : String.valueOf(value)) + ", expected a fixed batch of 1");
                }
                ByteArrayOutputStream sym = new ByteArrayOutputStream();
                ProtoBytes.writeField(sym, 2, BATCH.getBytes(StandardCharsets.UTF_8));
                ProtoBytes.writeField(out, 1, sym.toByteArray());
            } else {
                out.writeBytes(d.raw());
            }
        }
        if (first) {
            throw refuse(name, "'" + v.string(1) + "' has no shape");
        }
        return out.toByteArray();
    }

    private static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        ProtoBytes.writeField(out, number, payload);
        return out.toByteArray();
    }

    private static UnsupportedOperationException refuse(String model, String why) {
        return new UnsupportedOperationException("ONNX model " + model + " cannot take a dynamic batch: " + why);
    }
}
