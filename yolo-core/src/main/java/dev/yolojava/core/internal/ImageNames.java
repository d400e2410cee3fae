package dev.yolojava.core.internal;

import java.util.ArrayList;
import java.util.List;

/** The names images given as bytes go by in errors. */
public final class ImageNames {
    private ImageNames() {
    }

    /**
     * @param encodedImages images' bytes
     * @param first         the number of the first of them in the caller's list
     * @return their names, {@code encoded image N (B bytes)}
     * @throws NullPointerException naming the index of a null image
     */
    public static List<String> encoded(List<byte[]> encodedImages, int first) {
        List<String> names = new ArrayList<>(encodedImages.size());
        for (int i = 0; i < encodedImages.size(); i++) {
            byte[] b = encodedImages.get(i);
            if (b == null) {
                throw new NullPointerException("encodedImages[" + (first + i) + "] is null");
            }
            names.add("encoded image " + (first + i) + " (" + b.length + " bytes)");
        }
        return names;
    }
}
