package dev.yolojava.core.spi;

import dev.yolojava.core.BackendNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds and chooses {@link BackendProvider}s. */
public final class Backends {
    /** System property naming the backend to use. */
    public static final String PROPERTY = "yolo.backend";
    /** Environment variable naming the backend to use (the system property wins). */
    public static final String ENV = "YOLO_BACKEND";
    private static final String KNOWN_ARTIFACTS =
            "dev.yolojava:yolo-onnxruntime (CPU) or dev.yolojava:yolo-tensorrt (NVIDIA GPU)";

    private Backends() {
    }

    /** @return every provider on the class path, highest rank first */
    public static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(list::add);
        list.sort(Comparator.comparingInt(BackendProvider::rank).reversed());
        return list;
    }

    /** @return the backend named by {@code -Dyolo.backend} or {@code YOLO_BACKEND}, or null */
    public static String requestedByEnvironment() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv(ENV);
        return e == null || e.isBlank() ? null : e.trim();
    }

    /**
     * Chooses a provider from {@link #providers()}.
     *
     * @param requested a name, or null/"auto" for the usable provider of highest rank
     * @return the provider
     */
    public static BackendProvider select(String requested) {
        return select(requested, providers());
    }

    /**
     * Chooses among {@code candidates}.
     *
     * @param requested  a name, or null/"auto" for the usable provider of highest rank
     * @param candidates the providers to choose among
     * @return the provider
     * @throws BackendNotFoundException saying which dependency to add or what is missing
     */
    public static BackendProvider select(String requested, List<BackendProvider> candidates) {
        if (requested != null && !requested.isBlank() && !requested.equalsIgnoreCase("auto")) {
            String want = requested.trim().toLowerCase(Locale.ROOT);
            for (BackendProvider p : candidates) {
                if (p.name().equalsIgnoreCase(want)) {
                    Availability a = p.availability();
                    if (!a.available()) {
                        throw new BackendNotFoundException("backend '" + want + "' is on the class path but cannot run here: "
                                + a.reason());
                    }
                    return p;
                }
            }
            throw new BackendNotFoundException("backend '" + want + "' was requested but is not on the class path"
                    + " (found: " + names(candidates) + "); add " + hint(want));
        }
        StringBuilder why = new StringBuilder();
        List<BackendProvider> byRank = new java.util.ArrayList<>(candidates);
        byRank.sort(java.util.Comparator.comparingInt(BackendProvider::rank).reversed());
        for (BackendProvider p : byRank) {
            Availability a = p.availability();
            if (a.available()) {
                return p;
            }
            why.append("; ").append(p.name()).append(": ").append(a.reason());
        }
        throw new BackendNotFoundException(candidates.isEmpty()
                ? "no inference backend on the class path: add " + KNOWN_ARTIFACTS
                : "no usable inference backend" + why + "; add " + KNOWN_ARTIFACTS);
    }

    /**
     * Checks backend options before a model is opened: every key is {@code <backend>.<name>}; keys of
     * {@code chosen} must be among its {@link BackendProvider#optionKeys()}; keys of other providers on the
     * class path, or of the known backends, are ignored (they configure another backend).
     *
     * @param chosen  the provider the model will open on
     * @param options the option keys and values
     * @param all     every provider on the class path
     * @throws IllegalArgumentException naming the key and listing the keys {@code chosen} accepts
     */
    public static void checkOptions(BackendProvider chosen, java.util.Map<String, String> options,
                                    List<BackendProvider> all) {
        java.util.Set<String> prefixes = new java.util.TreeSet<>(List.of("onnxruntime", "tensorrt"));
        all.forEach(p -> prefixes.add(p.name().toLowerCase(Locale.ROOT)));
        prefixes.add(chosen.name().toLowerCase(Locale.ROOT));
        java.util.Set<String> known = new java.util.TreeSet<>(chosen.optionKeys());
        for (String key : options.keySet()) {
            int dot = key.indexOf('.');
            String prefix = dot > 0 ? key.substring(0, dot).toLowerCase(Locale.ROOT) : "";
            if (prefix.equals(chosen.name().toLowerCase(Locale.ROOT))) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("unknown option '" + key + "' for backend " + chosen.name()
                            + (known.isEmpty() ? ", which takes no options" : "; known: " + String.join(", ", known)));
                }
            } else if (!prefixes.contains(prefix)) {
                throw new IllegalArgumentException("unknown option '" + key + "': options are named <backend>.<option>"
                        + " with backend one of " + String.join(", ", prefixes)
                        + (known.isEmpty() ? "" : "; " + chosen.name() + " takes " + String.join(", ", known)));
            }
        }
    }

    private static String names(List<BackendProvider> ps) {
        return ps.isEmpty() ? "none" : String.join(", ", ps.stream().map(BackendProvider::name).toList());
    }

    private static String hint(String name) {
        return switch (name) {
            case "tensorrt" -> "the dependency dev.yolojava:yolo-tensorrt";
            case "onnxruntime" -> "the dependency dev.yolojava:yolo-onnxruntime";
            default -> KNOWN_ARTIFACTS + " (known backends: onnxruntime, tensorrt)";
        };
    }
}
