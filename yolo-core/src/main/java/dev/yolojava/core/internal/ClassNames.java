package dev.yolojava.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Class names of a model: parsed from the Ultralytics ONNX metadata, else the 80 COCO classes. */
public final class ClassNames {
    private static final Pattern ENTRY =
            Pattern.compile("(\\d+)\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");

    /** The 80 COCO class names, in the order every COCO-trained YOLO uses. */
    public static final List<String> COCO = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
            "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
            "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
            "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
            "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
            "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
            "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
            "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
            "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
            "teddy bear", "hair drier", "toothbrush");

    private ClassNames() {
    }

    /**
     * Parses the Ultralytics {@code names} metadata, a Python dict literal such as
     * {@code {0: 'person', 1: 'bicycle'}}.
     *
     * @param namesMetadata the metadata value, possibly null
     * @return names indexed by class id; empty when the text holds no entry
     * @throws IllegalArgumentException if the ids are not 0..n-1
     */
    public static List<String> parse(String namesMetadata) {
        if (namesMetadata == null || namesMetadata.isBlank()) {
            return List.of();
        }
        Map<Integer, String> byId = new TreeMap<>();
        Matcher m = ENTRY.matcher(namesMetadata);
        while (m.find()) {
            String raw = m.group(2) != null ? m.group(2) : m.group(3);
            byId.put(Integer.parseInt(m.group(1)), raw.replaceAll("\\\\(.)", "$1"));
        }
        List<String> names = new ArrayList<>(byId.size());
        int expect = 0;
        for (Map.Entry<Integer, String> e : byId.entrySet()) {
            if (e.getKey() != expect++) {
                throw new IllegalArgumentException("class ids in metadata 'names' must be 0..n-1 without gaps: expected "
                        + (expect - 1) + ", got " + e.getKey());
            }
            names.add(e.getValue());
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * The names to use for a model's metadata: parsed {@code names}, else COCO-80.
     *
     * @param metadata the model's custom metadata, possibly empty
     * @return class names indexed by id
     */
    public static List<String> fromMetadata(Map<String, String> metadata) {
        List<String> parsed = parse(metadata.get("names"));
        return parsed.isEmpty() ? COCO : parsed;
    }

    /**
     * @param names   class names indexed by id
     * @param classId a class id
     * @return the label for {@code classId}: its name, or {@code "class<N>"} when the list is shorter
     */
    public static String label(List<String> names, int classId) {
        return classId < names.size() ? names.get(classId) : "class" + classId;
    }
}
