package dev.yolojava.core.spi;

/**
 * Whether a backend can run here, and if not, why and what to do.
 *
 * @param available true when the backend can open models on this machine
 * @param reason    when unavailable, what is missing and how to fix it
 */
public record Availability(boolean available, String reason) {
    private static final Availability YES = new Availability(true, "available");

    /** @return the available answer */
    public static Availability yes() {
        return YES;
    }

    /**
     * @param reason why the backend cannot run, and what would fix it
     * @return an unavailable answer with its reason
     */
    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
