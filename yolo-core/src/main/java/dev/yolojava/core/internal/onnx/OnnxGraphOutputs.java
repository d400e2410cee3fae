package dev.yolojava.core.internal.onnx;

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
        List<String> added = new ArrayList<>();
        List<String> graphOutputs = new ArrayList<>();
        byte[] out = ProtoMessage.withGraph(model, name, graph -> {
            Set<String> nodeOutputs = new LinkedHashSet<>();
            ProtoMessage g = ProtoMessage.parse(graph, name);
            for (ProtoMessage.Field f : g.fields) {
                if (f.wire() == 2 && (f.number() == GRAPH_NODE || f.number() == GRAPH_OUTPUT)) {
                    ProtoMessage m = ProtoMessage.parse(f.bytes(), name);
                    (f.number() == GRAPH_NODE ? nodeOutputs : graphOutputs)
                            .addAll(m.strings(f.number() == GRAPH_NODE ? NODE_OUTPUT : VALUE_INFO_NAME));
                }
            }
            ByteArrayOutputStream newGraph = new ByteArrayOutputStream(graph.length + 64 * 1024);
            newGraph.writeBytes(graph);
            for (String n : nodeOutputs) {
                if (n.isEmpty() || graphOutputs.contains(n)) {
                    continue;
                }
                ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
                ProtoBytes.writeField(valueInfo, VALUE_INFO_NAME, n.getBytes(StandardCharsets.UTF_8));
                ProtoBytes.writeField(newGraph, GRAPH_OUTPUT, valueInfo.toByteArray());
                added.add(n);
            }
            return newGraph.toByteArray();
        });
        return new Exposed(out, List.copyOf(added), List.copyOf(graphOutputs));
    }
}
