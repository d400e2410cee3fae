package dev.yolojava.core.internal;

/**
 * A whole-number system property read strictly: unset or blank gives the default, anything but a whole number in
 * range is an {@link IllegalArgumentException} naming the property and the value (where {@link Integer#getInteger}
 * would ignore a typo silently).
 */
public final class IntProperty {
    private IntProperty() {
    }

    /**
     * @param name     the system property
     * @param fallback the value when it is unset or blank
     * @param min      the least value accepted
     * @param max      the greatest value accepted
     * @return the property's value, or {@code fallback}
     * @throws IllegalArgumentException naming the property when its value is not a whole number in [min, max]
     */
    public static int get(String name, int fallback, int min, int max) {
        return parse(name, System.getProperty(name), fallback, min, max);
    }

    /**
     * @param name  the property, for the message
     * @param value its value, or null
     * @return {@code value} as a whole number in [min, max], or {@code fallback} when it is null or blank
     * @throws IllegalArgumentException naming the property when {@code value} is not a whole number in [min, max]
     */
    public static int parse(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        String range = max == Integer.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
        throw new IllegalArgumentException(name + ": expected a whole number " + range + ", got \"" + value + "\"");
    }
}
