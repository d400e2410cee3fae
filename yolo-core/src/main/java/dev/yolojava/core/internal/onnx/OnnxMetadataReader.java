package dev.yolojava.core.internal.onnx;

import dev.yolojava.core.ModelLoadException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the custom metadata ({@code metadata_props}, field 14 of {@code ModelProto}) of an ONNX
 * file without loading the graph: the protobuf is scanned field by field and large fields are
 * skipped. Backends that do not expose ONNX metadata themselves (TensorRT) use it for class names
 * and for the input shape (to key the engine cache before building).
 */
public final class OnnxMetadataReader {
    private static final int METADATA_PROPS = 14;
    private static final int GRAPH = 7;
    private static final int GRAPH_INPUT = 11;

    private OnnxMetadataReader() {
    }

    /**
     * @param model an ONNX file
     * @return the metadata key/value pairs, in file order
     * @throws ModelLoadException naming the file when it is missing or not an ONNX model
     */
    public static Map<String, String> read(Path model) {
        return withStream(model, OnnxMetadataReader::parse);
    }

    /**
     * Reads the shape of the model's first graph input (the image tensor) without loading weights.
     *
     * @param model an ONNX file
     * @return the dimensions, -1 for a symbolic or unknown one (a dynamic batch, say)
     * @throws ModelLoadException naming the file when it is missing, not ONNX, or has no input
     */
    public static long[] inputShape(Path model) {
        return withStream(model, r -> {
            for (long key = r.nextKey(); key >= 0; key = r.nextKey()) {
                int field = (int) (key >>> 3), wire = (int) (key & 7);
                if (field != GRAPH || wire != 2) {
                    r.skipValue(wire);
                    continue;
                }
                long end = r.length() + r.position();
                while (r.position() < end) {
                    long k = r.nextKey();
                    if (k < 0) {
                        throw r.notOnnx("truncated graph");
                    }
                    if ((k >>> 3) == GRAPH_INPUT && (k & 7) == 2) {
                        long len = r.length();
                        if (len >= (1 << 20)) {
                            throw r.notOnnx("graph input of " + len + " bytes");
                        }
                        return valueInfoShape(r.bytes(len), model.toString());
                    }
                    r.skipValue((int) (k & 7));
                }
                throw new ModelLoadException("ONNX model " + model + " declares no graph input");
            }
            throw r.notOnnx("no graph");
        });
    }

    private static <T> T withStream(Path model, java.util.function.Function<ProtoReader, T> work) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(model), 1 << 16)) {
            return work.apply(new ProtoReader(in, model.toString()));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file not found: " + model, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ModelLoadException("cannot read model " + model + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** ValueInfoProto{type=2: TypeProto{tensor_type=1: {shape=2: TensorShapeProto{dim=1: {dim_value=1 | dim_param=2}}}}}. */
    private static long[] valueInfoShape(byte[] valueInfo, String name) {
        byte[] type = submessage(valueInfo, 2, name);
        byte[] tensor = type == null ? null : submessage(type, 1, name);
        byte[] shape = tensor == null ? null : submessage(tensor, 2, name);
        if (shape == null) {
            throw new ModelLoadException("ONNX model " + name + ": first input has no tensor shape");
        }
        List<Long> dims = new ArrayList<>();
        ProtoReader r = ProtoReader.of(shape, name);
        for (long key = r.nextKey(); key >= 0; key = r.nextKey()) {
            if (key != (1 << 3 | 2)) { // not a dim
                r.skipValue((int) (key & 7));
                continue;
            }
            ProtoReader dim = ProtoReader.of(r.bytes(r.length()), name);
            long v = -1;
            for (long dk = dim.nextKey(); dk >= 0; dk = dim.nextKey()) {
                if (dk == (1 << 3)) { // dim_value
                    v = dim.varint();
                } else {
                    dim.skipValue((int) (dk & 7)); // dim_param, denotation: dynamic
                }
            }
            dims.add(v <= 0 ? -1 : v);
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** @return the first length-delimited field {@code wanted} of message {@code b}, or null */
    private static byte[] submessage(byte[] b, int wanted, String name) {
        ProtoReader r = ProtoReader.of(b, name);
        for (long key = r.nextKey(); key >= 0; key = r.nextKey()) {
            if ((key >>> 3) == wanted && (key & 7) == 2) {
                return r.bytes(r.length());
            }
            r.skipValue((int) (key & 7));
        }
        return null;
    }

    static Map<String, String> parse(InputStream in, String name) {
        return parse(new ProtoReader(in, name));
    }

    private static Map<String, String> parse(ProtoReader r) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean sawGraph = false;
        long fields = 0;
        for (long key = r.nextKey(); key >= 0; key = r.nextKey()) {
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (field <= 0) {
                throw r.notOnnx("field number " + field);
            }
            if (field == METADATA_PROPS && wire == 2) {
                long len = r.length();
                if (len < (1 << 24)) {
                    readEntry(ProtoReader.of(r.bytes(len), "metadata"), out);
                } else {
                    r.skip(len);
                }
            } else {
                sawGraph |= field == GRAPH && wire == 2;
                r.skipValue(wire);
            }
            if (++fields > 10_000_000) {
                throw r.notOnnx("too many fields");
            }
        }
        if (!sawGraph) {
            throw r.notOnnx("no graph");
        }
        return out;
    }

    /** StringStringEntryProto{key=1, value=2}. */
    private static void readEntry(ProtoReader r, Map<String, String> out) {
        String k = null, v = null;
        for (long key = r.nextKey(); key >= 0; key = r.nextKey()) {
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire != 2) {
                r.skipValue(wire);
                continue;
            }
            String s = new String(r.bytes(r.length()), StandardCharsets.UTF_8);
            if (field == 1) {
                k = s;
            } else if (field == 2) {
                v = s;
            }
        }
        if (k != null) {
            out.put(k, v == null ? "" : v);
        }
    }
}
