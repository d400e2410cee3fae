package dev.yolojava.core;

/** A model file is missing, unreadable, not a supported model, or of an unexpected shape. */
public class ModelLoadException extends YoloException {
    private static final long serialVersionUID = 1L;

    /** @param message names the model and what is wrong with it */
    public ModelLoadException(String message) {
        super(message);
    }

    /**
     * @param message names the model and what is wrong with it
     * @param cause   the underlying failure
     */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
