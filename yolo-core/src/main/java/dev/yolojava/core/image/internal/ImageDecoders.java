package dev.yolojava.core.image.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Chooses the CPU image decoder: OpenCV ({@code imdecode}, libjpeg-turbo, through the
 * {@code org.bytedeco:opencv} preset) when it loads, else Java's ImageIO. {@code -Dyolo.imageDecoder}
 * or {@code YOLO_IMAGE_DECODER} ({@code opencv}, {@code imageio}) overrides the choice.
 */
public final class ImageDecoders {
    /** System property naming the decoder. */
    public static final String PROPERTY = "yolo.imageDecoder";
    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoders.class);
    private static volatile ImageDecoder chosen;

    private ImageDecoders() {
    }

    /** @return the decoder in use (chosen once) */
    public static ImageDecoder get() {
        ImageDecoder d = chosen;
        if (d == null) {
            synchronized (ImageDecoders.class) {
                if (chosen == null) {
                    chosen = choose(requested());
                }
                d = chosen;
            }
        }
        return d;
    }

    /** @return the ImageIO decoder (the fallback; also the reference the benchmarks compare with) */
    public static ImageDecoder imageIo() {
        return ImageIoDecoder.INSTANCE;
    }

    /**
     * @return the OpenCV decoder
     * @throws IllegalStateException saying what is missing when OpenCV cannot be loaded
     */
    public static ImageDecoder openCv() {
        return OpenCvDecoder.load();
    }

    static String requested() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv("YOLO_IMAGE_DECODER");
        }
        return p == null || p.isBlank() ? "auto" : p.trim().toLowerCase(Locale.ROOT);
    }

    private static ImageDecoder choose(String requested) {
        switch (requested) {
            case "imageio":
                return ImageIoDecoder.INSTANCE;
            case "opencv":
                return OpenCvDecoder.load();
            case "auto":
                try {
                    return OpenCvDecoder.load();
                } catch (IllegalStateException | LinkageError e) {
                    LOG.info("decoding images with ImageIO ({}); add org.bytedeco:opencv for libjpeg-turbo decoding,"
                            + " EXIF orientation and CMYK JPEGs", e.getMessage());
                    return ImageIoDecoder.INSTANCE;
                }
            default:
                throw new IllegalArgumentException(PROPERTY + ": expected opencv, imageio or auto, got '" + requested + "'");
        }
    }
}
