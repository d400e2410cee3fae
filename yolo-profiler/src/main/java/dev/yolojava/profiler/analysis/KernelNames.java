package dev.yolojava.profiler.analysis;

/**
 * Readable kernel names from the mangled ones CUPTI reports: the function's qualified name from an
 * Itanium-mangled symbol ({@code _ZN4cuda3foo6kernelIfEEvPT_} → {@code cuda::foo::kernel}),
 * without template arguments or parameters. Unmangled names (TensorRT's {@code sm90_xmma_...}) pass
 * through unchanged, as does anything this small parser does not understand.
 */
public final class KernelNames {
    private KernelNames() {
    }

    /**
     * @param mangled a kernel's (possibly mangled) name
     * @return the readable name of {@code mangled} (never null)
     */
    public static String demangle(String mangled) {
        if (mangled == null || mangled.isEmpty()) {
            return "<unnamed>";
        }
        if (!mangled.startsWith("_Z")) {
            return mangled;
        }
        int[] p = {2};
        StringBuilder out = new StringBuilder();
        if (p[0] < mangled.length() && mangled.charAt(p[0]) == 'N') {
            p[0]++;
            while (p[0] < mangled.length() && "rVKL".indexOf(mangled.charAt(p[0])) >= 0) {
                p[0]++;
            }
            while (p[0] < mangled.length() && mangled.charAt(p[0]) != 'E') {
                if (mangled.charAt(p[0]) == 'I') {
                    if (!skipTemplateArgs(mangled, p)) {
                        return mangled;
                    }
                    continue;
                }
                String id = identifier(mangled, p);
                if (id == null) {
                    return out.length() > 0 ? out.toString() : mangled;
                }
                if (out.length() > 0) {
                    out.append("::");
                }
                out.append(id);
            }
            return out.length() > 0 ? out.toString() : mangled;
        }
        String id = identifier(mangled, p);
        return id == null ? mangled : id;
    }

    private static String identifier(String s, int[] p) {
        int start = p[0];
        while (p[0] < s.length() && Character.isDigit(s.charAt(p[0]))) {
            p[0]++;
        }
        if (p[0] == start) {
            return null;
        }
        int len = Integer.parseInt(s.substring(start, p[0]));
        if (p[0] + len > s.length()) {
            return null;
        }
        String id = s.substring(p[0], p[0] + len);
        p[0] += len;
        return id;
    }

    private static boolean skipTemplateArgs(String s, int[] p) {
        int depth = 0;
        while (p[0] < s.length()) {
            char c = s.charAt(p[0]);
            if (Character.isDigit(c)) {
                if (identifier(s, p) == null) {
                    return false;
                }
                continue;
            }
            p[0]++;
            if (c == 'I') {
                depth++;
            } else if (c == 'E' && --depth == 0) {
                return true;
            }
        }
        return false;
    }
}
