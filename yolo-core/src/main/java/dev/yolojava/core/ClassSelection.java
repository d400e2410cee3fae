package dev.yolojava.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns the class ids and names a user asked for into a per-class filter, checked against the model. */
final class ClassSelection {
    private static final int NAMES_LISTED = 20;

    private ClassSelection() {
    }

    /**
     * @param ids        class ids to keep
     * @param names      class names to keep (matched exactly, then ignoring case)
     * @param modelNames the model's class names, indexed by id
     * @param numClasses how many classes the model scores
     * @param model      the model, for messages
     * @return {@code filter[c]} true keeps class {@code c}; null when nothing was asked for (all kept)
     * @throws IllegalArgumentException naming the first id out of range or name the model does not have
     */
    static boolean[] filter(Set<Integer> ids, Set<String> names, List<String> modelNames, int numClasses, String model) {
        if (ids.isEmpty() && names.isEmpty()) {
            return null;
        }
        boolean[] keep = new boolean[numClasses];
        for (int id : ids) {
            if (id >= numClasses) {
                throw new IllegalArgumentException("classes: class id " + id + " is out of range: model " + model
                        + " has " + numClasses + " classes (ids 0.." + (numClasses - 1) + ")");
            }
            keep[id] = true;
        }
        for (String name : names) {
            int id = indexOf(modelNames, name, numClasses);
            if (id < 0) {
                throw new IllegalArgumentException("classes: model " + model + " has no class named '" + name
                        + "'; its classes are " + listed(modelNames, numClasses));
            }
            keep[id] = true;
        }
        return keep;
    }

    private static int indexOf(List<String> modelNames, String name, int numClasses) {
        int n = Math.min(numClasses, modelNames.size());
        for (int i = 0; i < n; i++) {
            if (modelNames.get(i).equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (modelNames.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    private static String listed(List<String> modelNames, int numClasses) {
        int n = Math.min(numClasses, modelNames.size());
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(n, NAMES_LISTED); i++) {
            shown.add(i + "=" + modelNames.get(i));
        }
        return String.join(", ", shown) + (n > NAMES_LISTED ? ", ... (" + n + " in all)" : "");
    }
}
