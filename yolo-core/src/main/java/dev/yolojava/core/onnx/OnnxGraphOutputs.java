package dev.yolojava.core.onnx;

import dev.yolojava.core.ModelLoadException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a serialized ONNX model so that every node output of its main graph is also a graph
 * output (what ONNX Runtime needs to hand back intermediate activations). Works on the protobuf
 * wire format directly: fields are copied byte for byte and {@code GraphProto.output} entries
 * (name only; ONNX Runtime infers the type) are appended to the graph.
 */
public final class OnnxGraphOutputs {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_OUTPUT = 2;
    private static final int VALUE_INFO_NAME = 1;

    private OnnxGraphOutputs() {
    }

    /**
     * The rewritten model and the names it exposes.
     *
     * @param model   the serialized model
     * @param exposed the node outputs added as graph outputs, in node order
     * @param outputs the model's own graph outputs
     */
    public record Exposed(byte[] model, List<String> exposed, List<String> outputs) {
    }

    /**
     * @param model the serialized ModelProto
     * @param name  the model's name, for errors
     * @return the model with every node output exposed
     */
    public static Exposed exposeAll(byte[] model, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64 * 1024);
        byte[] graph = null;
        int[] p = {0};
        while (p[0] < model.length) {
            int start = p[0];
            long key = varint(model, p, name);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (field == MODEL_GRAPH && wire == 2) {
                int len = (int) varint(model, p, name);
                check(p[0] + len <= model.length, name);
                graph = java.util.Arrays.copyOfRange(model, p[0], p[0] + len);
                p[0] += len;
            } else {
                skip(model, p, wire, name);
                out.write(model, start, p[0] - start);
            }
        }
        if (graph == null) {
            throw new ModelLoadException("ONNX model " + name + " has no graph");
        }
        Set<String> nodeOutputs = new LinkedHashSet<>();
        List<String> graphOutputs = new ArrayList<>();
        p[0] = 0;
        while (p[0] < graph.length) {
            long key = varint(graph, p, name);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire == 2 && (field == GRAPH_NODE || field == GRAPH_OUTPUT)) {
                int len = (int) varint(graph, p, name);
                check(p[0] + len <= graph.length, name);
                List<String> names = strings(graph, p[0], p[0] + len, field == GRAPH_NODE ? NODE_OUTPUT : VALUE_INFO_NAME, name);
                (field == GRAPH_NODE ? nodeOutputs : graphOutputs).addAll(names);
                p[0] += len;
            } else {
                skip(graph, p, wire, name);
            }
        }
        List<String> added = new ArrayList<>();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        for (String n : nodeOutputs) {
            if (n.isEmpty() || graphOutputs.contains(n)) {
                continue;
            }
            ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
            ProtoBytes.writeField(valueInfo, VALUE_INFO_NAME, n.getBytes(StandardCharsets.UTF_8));
            ProtoBytes.writeField(extra, GRAPH_OUTPUT, valueInfo.toByteArray());
            added.add(n);
        }
        ByteArrayOutputStream newGraph = new ByteArrayOutputStream(graph.length + extra.size());
        newGraph.writeBytes(graph);
        newGraph.writeBytes(extra.toByteArray());
        ProtoBytes.writeField(out, MODEL_GRAPH, newGraph.toByteArray());
        return new Exposed(out.toByteArray(), List.copyOf(added), List.copyOf(graphOutputs));
    }

    /** @return the string values of {@code field} in the message {@code b[from, to)} */
    private static List<String> strings(byte[] b, int from, int to, int field, String name) {
        List<String> r = new ArrayList<>();
        int[] p = {from};
        while (p[0] < to) {
            long key = varint(b, p, name);
            int f = (int) (key >>> 3), wire = (int) (key & 7);
            if (f == field && wire == 2) {
                int len = (int) varint(b, p, name);
                check(p[0] + len <= to, name);
                r.add(new String(b, p[0], len, StandardCharsets.UTF_8));
                p[0] += len;
            } else {
                skip(b, p, wire, name);
            }
        }
        return r;
    }

    private static void skip(byte[] b, int[] p, int wire, String name) {
        switch (wire) {
            case 0 -> varint(b, p, name);
            case 1 -> p[0] += 8;
            case 2 -> {
                long len = varint(b, p, name);
                p[0] += (int) len;
            }
            case 5 -> p[0] += 4;
            default -> throw new ModelLoadException("not an ONNX model: " + name + " (protobuf wire type " + wire + ")");
        }
        check(p[0] <= b.length, name);
    }

    private static long varint(byte[] b, int[] p, String name) {
        long v = ProtoBytes.varint(b, p);
        check(v >= 0, name);
        return v;
    }

    private static void check(boolean ok, String name) {
        if (!ok) {
            throw new ModelLoadException("not an ONNX model: " + name + " (truncated protobuf)");
        }
    }
}
