package dev.yolojava.examples;

import dev.yolojava.core.YoloConfig;
import dev.yolojava.core.YoloDetector;

import java.util.ArrayList;
import java.util.List;

/** {@code --classes}: ids and names mixed ({@code 0,car}); ids are checked against the model when it opens. */
final class ClassOption {
    private ClassOption() {
    }

    /** Sets the builder's class ids and names from the option's values (null: all classes). */
    static void apply(List<String> values, YoloDetector.Builder builder) {
        if (values == null) {
            return;
        }
        List<Integer> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String v : values) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("--classes: empty entry in '" + String.join(",", values) + "'");
            }
            if (t.chars().allMatch(Character::isDigit)) {
                try {
                    ids.add(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--classes: class id " + t + " is out of range", e);
                }
            } else {
                names.add(t);
            }
        }
        builder.classes(ids).classNames(names);
    }
}
