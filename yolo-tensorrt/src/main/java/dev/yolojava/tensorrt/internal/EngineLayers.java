package dev.yolojava.tensorrt.internal;

import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IEngineInspector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.bytedeco.tensorrt.global.nvinfer.LayerInformationFormat;

/**
 * What an engine runs, from TensorRT's {@code IEngineInspector}: its layers after fusion, and among them the
 * reformats TensorRT inserted (format or type conversions, {@code Reformatting CopyNode ...}), those at the
 * network's input and output apart. With {@code tensorrt.layerNvtx=true} (detailed profiling verbosity) the JSON
 * also names each layer's tactic and formats.
 *
 * @param layers          layers the engine runs
 * @param reformats       of them, the reformats TensorRT inserted
 * @param ioReformats     of those, the ones converting the network's input or output
 * @param reformatNames   the reformats' names
 * @param json            the inspector's JSON, as TensorRT wrote it
 */
public record EngineLayers(int layers, int reformats, int ioReformats, List<String> reformatNames, String json) {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLayers.class);
    /** A layer's name: a string in the "Layers" array (names-only), or the "Name" of a layer object (detailed). */
    private static final Pattern NAME = Pattern.compile("\"Name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PLAIN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Copies the list. */
    public EngineLayers {
        reformatNames = List.copyOf(reformatNames);
    }

    /**
     * @param engine the engine
     * @return its layers, or null when the inspector gives none (logged)
     */
    static EngineLayers of(ICudaEngine engine) {
        try (IEngineInspector inspector = engine.createEngineInspector()) {
            if (inspector == null || inspector.isNull()) {
                LOG.debug("IEngineInspector unavailable");
                return null;
            }
            String json = inspector.getEngineInformation(LayerInformationFormat.kJSON);
            return json == null ? null : parse(json);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("IEngineInspector failed: {}", e.toString());
            return null;
        }
    }

    /**
     * @param json {@code IEngineInspector.getEngineInformation(kJSON)}: {@code {"Layers": [...], "Bindings": [...]}}
     * @return the counts
     * @throws IllegalArgumentException when there is no "Layers" array
     */
    static EngineLayers parse(String json) {
        int at = json.indexOf("\"Layers\"");
        int open = at < 0 ? -1 : json.indexOf('[', at);
        if (open < 0) {
            throw new IllegalArgumentException("IEngineInspector JSON: expected a \"Layers\" array, got "
                    + json.substring(0, Math.min(80, json.length())));
        }
        int close = closing(json, open);
        List<String> names = new ArrayList<>();
        for (int i = open + 1; i < close; i++) { // one element per layer: its name, or an object led by its "Name"
            char c = json.charAt(i);
            if (c == '"' || c == '{') {
                int end = c == '"' ? endOfString(json, i) : closing(json, i);
                Matcher m = (c == '"' ? PLAIN : NAME).matcher(json.substring(i, end + 1));
                if (m.find()) {
                    names.add(m.group(1));
                }
                i = end;
            }
        }
        List<String> reformats = names.stream().filter(n -> n.startsWith("Reformatting CopyNode")).toList();
        int io = (int) reformats.stream().filter(n -> n.contains("Input Tensor") || n.contains("Output Tensor")).count();
        return new EngineLayers(names.size(), reformats.size(), io, reformats, json);
    }

    /** @return the index of the quote ending the string that starts at {@code open} */
    private static int endOfString(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("IEngineInspector JSON: a string is not closed");
    }

    /** @return the index of the bracket closing the one at {@code open}, skipping strings */
    private static int closing(String s, int open) {
        int depth = 0;
        boolean string = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("IEngineInspector JSON: the \"Layers\" array is not closed");
    }
}
