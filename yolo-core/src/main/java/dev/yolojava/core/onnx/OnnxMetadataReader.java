package dev.yolojava.core.onnx;

import dev.yolojava.core.ModelLoadException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.yolojava.core.onnx.ProtoBytes.varint;

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
        try (InputStream in = new BufferedInputStream(Files.newInputStream(model), 1 << 16)) {
            return parse(in, model.toString());
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file not found: " + model, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the shape of the model's first graph input (the image tensor) without loading weights.
     *
     * @param model an ONNX file
     * @return the dimensions, -1 for a symbolic or unknown one (a dynamic batch, say)
     * @throws ModelLoadException naming the file when it is missing, not ONNX, or has no input
     */
    public static long[] inputShape(Path model) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(model), 1 << 16)) {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    throw notOnnx(model.toString(), "no graph");
                }
                long key = readVarint(in, first);
                int field = (int) (key >>> 3), wire = (int) (key & 7);
                if (wire != 2) {
                    skipScalar(in, wire, model.toString());
                    continue;
                }
                long len = readVarint(in, in.read());
                if (field != GRAPH) {
                    skip(in, len);
                    continue;
                }
                long read = 0;
                while (read < len) {
                    CountingKey k = readKey(in);
                    read += k.bytes;
                    if (k.wire != 2) {
                        read += skipScalar(in, k.wire, model.toString());
                        continue;
                    }
                    long[] lenBytes = new long[1];
                    long flen = readVarintCounting(in, lenBytes);
                    read += lenBytes[0] + flen;
                    if (k.field == GRAPH_INPUT && flen < (1 << 20)) {
                        return valueInfoShape(in.readNBytes((int) flen), model.toString());
                    }
                    skip(in, flen);
                }
                throw new ModelLoadException("ONNX model " + model + " declares no graph input");
            }
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file not found: " + model, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
        }
    }

    private record CountingKey(int field, int wire, long bytes) {
    }

    private static CountingKey readKey(InputStream in) throws IOException {
        long[] n = new long[1];
        long key = readVarintCounting(in, n);
        return new CountingKey((int) (key >>> 3), (int) (key & 7), n[0]);
    }

    private static long readVarintCounting(InputStream in, long[] count) throws IOException {
        long r = 0;
        int n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("truncated varint");
            }
            n++;
            r |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                count[0] = n;
                return r;
            }
        }
        throw new EOFException("varint too long");
    }

    private static long skipScalar(InputStream in, int wire, String name) throws IOException {
        switch (wire) {
            case 0 -> {
                long[] n = new long[1];
                readVarintCounting(in, n);
                return n[0];
            }
            case 1 -> {
                skip(in, 8);
                return 8;
            }
            case 5 -> {
                skip(in, 4);
                return 4;
            }
            default -> throw notOnnx(name, "wire type " + wire);
        }
    }

    /** ValueInfoProto{type=2: TypeProto{tensor_type=1: {shape=2: TensorShapeProto{dim=1: {dim_value=1 | dim_param=2}}}}}. */
    private static long[] valueInfoShape(byte[] valueInfo, String name) {
        byte[] type = submessage(valueInfo, 2);
        byte[] tensor = type == null ? null : submessage(type, 1);
        byte[] shape = tensor == null ? null : submessage(tensor, 2);
        if (shape == null) {
            throw new ModelLoadException("ONNX model " + name + ": first input has no tensor shape");
        }
        java.util.List<Long> dims = new java.util.ArrayList<>();
        int[] p = {0};
        while (p[0] < shape.length) {
            long key = varint(shape, p);
            int len = (int) varint(shape, p);
            if ((key & 7) != 2 || len < 0 || p[0] + len > shape.length) {
                break;
            }
            if ((key >>> 3) == 1) {
                byte[] dim = java.util.Arrays.copyOfRange(shape, p[0], p[0] + len);
                long v = -1;
                int[] q = {0};
                while (q[0] < dim.length) {
                    long dk = varint(dim, q);
                    if (dk == (1 << 3)) {
                        v = varint(dim, q);
                    } else if ((dk & 7) == 2) {
                        q[0] += (int) varint(dim, q);
                    } else {
                        varint(dim, q);
                    }
                }
                dims.add(v <= 0 ? -1 : v);
            }
            p[0] += len;
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] submessage(byte[] b, int wanted) {
        int[] p = {0};
        while (p[0] < b.length) {
            long key = varint(b, p);
            int wire = (int) (key & 7);
            if (key < 0) {
                return null;
            }
            if (wire == 0) {
                varint(b, p);
                continue;
            }
            if (wire != 2) {
                return null;
            }
            int len = (int) varint(b, p);
            if (len < 0 || p[0] + len > b.length) {
                return null;
            }
            if ((key >>> 3) == wanted) {
                return java.util.Arrays.copyOfRange(b, p[0], p[0] + len);
            }
            p[0] += len;
        }
        return null;
    }

    static Map<String, String> parse(InputStream in, String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        boolean sawGraph = false;
        long pos = 0;
        while (true) {
            int first = in.read();
            if (first < 0) {
                break;
            }
            long key = readVarint(in, first);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (field <= 0) {
                throw notOnnx(name, "field number " + field);
            }
            if (wire != 2) {
                skipScalar(in, wire, name);
            } else {
                long len = readVarint(in, in.read());
                if (len < 0) {
                    throw notOnnx(name, "negative length");
                }
                if (field == METADATA_PROPS && len < (1 << 24)) {
                    byte[] entry = in.readNBytes((int) len);
                    readEntry(entry, out);
                } else {
                    sawGraph |= field == GRAPH;
                    skip(in, len);
                }
            }
            if (++pos > 10_000_000) {
                throw notOnnx(name, "too many fields");
            }
        }
        if (!sawGraph) {
            throw notOnnx(name, "no graph");
        }
        return out;
    }

    private static void readEntry(byte[] b, Map<String, String> out) {
        String k = null, v = null;
        int[] p = {0};
        while (p[0] < b.length) {
            long key = varint(b, p);
            int field = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire != 2) {
                return;
            }
            int len = (int) varint(b, p);
            if (len < 0 || p[0] + len > b.length) {
                return;
            }
            String s = new String(b, p[0], len, StandardCharsets.UTF_8);
            p[0] += len;
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

    private static long readVarint(InputStream in, int first) throws IOException {
        if (first < 0) {
            throw new EOFException("truncated varint");
        }
        long r = first & 0x7f;
        int c = first;
        for (int shift = 7; (c & 0x80) != 0; shift += 7) {
            c = in.read();
            if (c < 0 || shift > 63) {
                throw new EOFException("truncated varint");
            }
            r |= (long) (c & 0x7f) << shift;
        }
        return r;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("truncated field");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static ModelLoadException notOnnx(String name, String why) {
        return new ModelLoadException("not an ONNX model: " + name + " (" + why + ")");
    }
}
