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
     */
    public static BackendProvider select(String requested) {
        return select(requested, providers());
    }

    /**
     * Chooses among {@code candidates}.
     *
     * @param requested a name, or null/"auto" for the usable provider of highest rank
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
