package dev.yolojava.core.image;

import dev.yolojava.core.InvalidImageException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An interleaved 8-bit, 3-channel frame: the common form every image input is turned into.
 * The buffer is read, never written or retained past the call it is passed to.
 *
 * @param pixels the bytes; row {@code r} starts at {@code pixels.position() + r * stride}
 * @param width  width in pixels, {@code > 0}
 * @param height height in pixels, {@code > 0}
 * @param stride bytes from one row to the next, {@code >= 3 * width}
 * @param format channel order
 */
public record RawImage(ByteBuffer pixels, int width, int height, int stride, PixelFormat format) {

    /**
     * Validates the geometry against the buffer.
     *
     * @param pixels the bytes; row {@code r} starts at {@code pixels.position() + r * stride}
     * @param width  width in pixels, {@code > 0}
     * @param height height in pixels, {@code > 0}
     * @param stride bytes from one row to the next, {@code >= 3 * width}
     * @param format channel order
     */
    public RawImage {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException("image size must be positive: expected width>0 and height>0, got "
                    + width + "x" + height);
        }
        if (stride < 3 * width) {
            throw new InvalidImageException("stride too small: expected >= " + 3 * width + " (3 * width), got " + stride);
        }
        long needed = (long) stride * (height - 1) + 3L * width;
        if (pixels.remaining() < needed) {
            throw new InvalidImageException("pixel buffer too small for " + width + "x" + height + " stride " + stride
                    + ": expected >= " + needed + " bytes, got " + pixels.remaining());
        }
    }

    /**
     * Wraps tightly packed RGB bytes ({@code stride = 3 * width}).
     *
     * @param pixels the bytes, {@code 3 * width * height} of them
     * @param width  width in pixels
     * @param height height in pixels
     * @return the frame (it shares {@code pixels})
     */
    public static RawImage rgb(byte[] pixels, int width, int height) {
        return new RawImage(ByteBuffer.wrap(pixels), width, height, 3 * width, PixelFormat.RGB);
    }

    /**
     * Wraps tightly packed BGR bytes ({@code stride = 3 * width}).
     *
     * @param pixels the bytes, {@code 3 * width * height} of them
     * @param width  width in pixels
     * @param height height in pixels
     * @return the frame (it shares {@code pixels})
     */
    public static RawImage bgr(byte[] pixels, int width, int height) {
        return new RawImage(ByteBuffer.wrap(pixels), width, height, 3 * width, PixelFormat.BGR);
    }

    /**
     * Converts a {@link BufferedImage}; 3-byte BGR images (what ImageIO gives for JPEG) are wrapped
     * without copying, other types are converted.
     *
     * @param image the image
     * @return the frame
     */
    public static RawImage of(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte db
                && image.getRaster().getParent() == null) {
            // TYPE_3BYTE_BGR stores bytes in B,G,R order
            return new RawImage(ByteBuffer.wrap(db.getData()), image.getWidth(), image.getHeight(),
                    3 * image.getWidth(), PixelFormat.BGR);
        }
        int w = image.getWidth(), h = image.getHeight();
        byte[] out = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int o = 3 * w * y;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                out[o++] = (byte) (p >> 16);
                out[o++] = (byte) (p >> 8);
                out[o++] = (byte) p;
            }
        }
        return rgb(out, w, h);
    }

    /**
     * Decodes an encoded image (JPEG, PNG, BMP, GIF: whatever ImageIO reads).
     *
     * @param encoded the file's bytes
     * @param name    what to call the image in an error message (a file name, say)
     * @return the decoded frame
     * @throws InvalidImageException if the bytes are not an image ImageIO can read
     */
    public static RawImage decode(byte[] encoded, String name) {
        Objects.requireNonNull(encoded, "encoded");
        try (InputStream in = new ByteArrayInputStream(encoded)) {
            return of(readImage(in, name));
        } catch (IOException e) {
            throw new InvalidImageException("cannot decode image " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and decodes an image file.
     *
     * @param file the file
     * @return the decoded frame
     * @throws InvalidImageException if the file is missing, unreadable or not an image
     */
    public static RawImage read(Path file) {
        return of(readBufferedImage(file));
    }

    /**
     * Reads an image file as a {@link BufferedImage}.
     *
     * @param file the file
     * @return the decoded image
     * @throws InvalidImageException if the file is missing, unreadable or not an image
     */
    public static BufferedImage readBufferedImage(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return readImage(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidImageException("image file not found: " + file, e);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage readImage(InputStream in, String name) throws IOException {
        BufferedImage img = ImageIO.read(in);
        if (img == null) {
            throw new InvalidImageException("not a readable image (JPEG, PNG, BMP or GIF expected): " + name);
        }
        return img;
    }
}
