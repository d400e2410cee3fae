package dev.yolojava.core.image;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.image.internal.BufferedImages;
import dev.yolojava.core.image.internal.Decoding;
import dev.yolojava.core.image.internal.ImageDecoders;
import dev.yolojava.core.spi.FrameAllocator;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
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
public record RawImage(ByteBuffer pixels, int width, int height, int stride, PixelFormat format) implements Frame {

    /**
     * Validates the geometry against the buffer.
     *
     * @param pixels the bytes; row {@code r} starts at {@code pixels.position() + r * stride}
     * @param width  width in pixels, {@code > 0}
     * @param height height in pixels, {@code > 0}
     * @param stride bytes from one row to the next, {@code >= 3 * width}
     * @param format channel order, RGB or BGR
     */
    public RawImage {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(format, "format");
        if (!format.interleaved()) {
            throw new InvalidImageException("format: expected RGB or BGR for an image in host memory, got " + format
                    + " (NV12 frames exist only in GPU memory, as DeviceImage.nv12)");
        }
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
     * without copying, other types are converted (gray and 16-bit images without a gamma shift).
     *
     * @param image the image
     * @return the frame
     */
    public static RawImage of(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return new RawImage(ByteBuffer.wrap(BufferedImages.toBgr(image)), image.getWidth(), image.getHeight(),
                3 * image.getWidth(), PixelFormat.BGR);
    }

    /**
     * Decodes an encoded image (JPEG, PNG, BMP, GIF, WebP, TIFF) into upright 8-bit BGR: the EXIF
     * orientation is applied, gray and 16-bit images become 8-bit without a gamma shift, CMYK JPEGs are
     * converted. Uses OpenCV (libjpeg-turbo) when {@code org.bytedeco:opencv} is on the class path (the
     * backends bring it), else ImageIO.
     *
     * @param encoded the file's bytes
     * @param name    what to call the image in an error message (a file name, say)
     * @return the decoded frame
     * @throws InvalidImageException naming the image when the bytes are not a readable image, or a JPEG
     *                               that is cut short
     */
    public static RawImage decode(byte[] encoded, String name) {
        Objects.requireNonNull(encoded, "encoded");
        return ImageDecoders.get().decode(encoded, name, FrameAllocator.DIRECT, Decoding.bands());
    }

    /**
     * Reads and decodes an image file, as {@link #decode(byte[], String)} does.
     *
     * @param file the file
     * @return the decoded frame
     * @throws InvalidImageException if the file is missing, unreadable or not an image
     */
    public static RawImage read(Path file) {
        return decode(readBytes(file), file.toString());
    }

    /**
     * @param file an image file
     * @return its bytes
     * @throws InvalidImageException naming the file when it is missing or unreadable
     */
    public static byte[] readBytes(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidImageException("image file not found: " + file, e);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an image file as a {@link BufferedImage} (decoded as {@link #read(Path)} does).
     *
     * @param file the file
     * @return the decoded image
     * @throws InvalidImageException if the file is missing, unreadable or not an image
     */
    public static BufferedImage readBufferedImage(Path file) {
        return read(file).toBufferedImage();
    }

    /**
     * @return a copy of this frame as a {@link BufferedImage} of type {@code TYPE_3BYTE_BGR}, to draw on
     */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int r = format.redOffset(), b = format.blueOffset();
        for (int y = 0; y < height; y++) {
            int src = pixels.position() + y * stride, o = 3 * width * y;
            for (int x = 0; x < width; x++, src += 3, o += 3) {
                dst[o] = pixels.get(src + b);
                dst[o + 1] = pixels.get(src + 1);
                dst[o + 2] = pixels.get(src + r);
            }
        }
        return img;
    }
}
