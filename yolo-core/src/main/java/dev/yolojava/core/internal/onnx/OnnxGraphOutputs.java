package dev.yolojava.core.internal.onnx;

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
        ProtoReader m = ProtoReader.of(model, name);
        for (long start = m.position(), key = m.nextKey(); key >= 0; start = m.position(), key = m.nextKey()) {
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (field == MODEL_GRAPH && wire == 2) {
                graph = m.bytes(m.length());
            } else {
                m.skipValue(wire);
                out.write(model, (int) start, (int) (m.position() - start)); // copied byte for byte
            }
        }
        if (graph == null) {
            throw new ModelLoadException("ONNX model " + name + " has no graph");
        }
        Set<String> nodeOutputs = new LinkedHashSet<>();
        List<String> graphOutputs = new ArrayList<>();
        ProtoReader g = ProtoReader.of(graph, name);
        for (long key = g.nextKey(); key >= 0; key = g.nextKey()) {
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire == 2 && (field == GRAPH_NODE || field == GRAPH_OUTPUT)) {
                List<String> names = strings(g.bytes(g.length()), field == GRAPH_NODE ? NODE_OUTPUT : VALUE_INFO_NAME, name);
                (field == GRAPH_NODE ? nodeOutputs : graphOutputs).addAll(names);
            } else {
                g.skipValue(wire);
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

    /** @return the string values of {@code field} in message {@code b} */
    private static List<String> strings(byte[] b, int field, String name) {
        List<String> r = new ArrayList<>();
        ProtoReader p = ProtoReader.of(b, name);
        for (long key = p.nextKey(); key >= 0; key = p.nextKey()) {
            int f = (int) (key >>> 3), wire = (int) (key & 7);
            if (f == field && wire == 2) {
                r.add(new String(p.bytes(p.length()), StandardCharsets.UTF_8));
            } else {
                p.skipValue(wire);
            }
        }
        return r;
    }
}
