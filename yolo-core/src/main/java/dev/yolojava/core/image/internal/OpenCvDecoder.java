package dev.yolojava.core.image.internal;

import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.image.PixelFormat;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.spi.FrameAllocator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * OpenCV's {@code imdecode} (libjpeg-turbo for JPEG, libpng, ...): what Ultralytics users get from
 * {@code cv2.imread}. {@code IMREAD_COLOR} applies the EXIF orientation, converts gray, 16-bit and CMYK/YCCK
 * images to 8-bit BGR. Pixels are decoded straight into the allocator's buffer where the stored size is
 * the upright size (orientations 1 to 4); rotated images are copied there once. Asked for bands, an upright JPEG
 * with restart markers on MCU rows decodes in {@link RestartBands} on the common fork-join pool, each band into its
 * rows of the same buffer.
 */
final class OpenCvDecoder implements ImageDecoder {
    private static volatile OpenCvDecoder instance;

    /** The fewest pixels per band: below, a band's own set-up weighs on what it saves. */
    static final int MIN_BAND_PIXELS = 131_072;
    /** The fewest MCU rows per band. */
    static final int MIN_BAND_MCU_ROWS = 4;

    private OpenCvDecoder() {
    }

    /** @throws IllegalStateException when the OpenCV preset or its natives are missing */
    static OpenCvDecoder load() {
        OpenCvDecoder d = instance;
        if (d != null) {
            return d;
        }
        synchronized (OpenCvDecoder.class) {
            if (instance == null) {
                try {
                    Loader.load(opencv_imgcodecs.class);
                } catch (NoClassDefFoundError e) {
                    throw new IllegalStateException("org.bytedeco:opencv is not on the class path", e);
                } catch (UnsatisfiedLinkError e) {
                    throw new IllegalStateException("OpenCV's native libraries did not load (" + e.getMessage() + ")", e);
                }
                instance = new OpenCvDecoder();
            }
            return instance;
        }
    }

    @Override
    public String name() {
        return "opencv";
    }

    @Override
    public RawImage decode(byte[] data, String name, FrameAllocator alloc) {
        return decode(data, name, alloc, 1);
    }

    /**
     * Decodes whole, or, for an upright JPEG of at least two bands' pixels ({@link #MIN_BAND_PIXELS}) that
     * {@link RestartBands} can cut, its bands at once on the common fork-join pool, straight into the frame (any band
     * that fails: the image decodes again whole, which names what is wrong).
     */
    @Override
    public RawImage decode(byte[] data, String name, FrameAllocator alloc, int bands) {
        JpegHeader jpeg = Decoding.checkJpeg(data, name);
        if (jpeg != null && bands > 1 && jpeg.orientation() == 1) {
            int n = bandsFor(jpeg, bands);
            RestartBands cut = n >= 2 ? RestartBands.split(data, n, MIN_BAND_MCU_ROWS) : null;
            RawImage image = cut == null ? null : decodeBands(cut, jpeg, alloc);
            if (image != null) {
                return image;
            }
        }
        try (PointerScope scope = new PointerScope()) {
            Mat encoded = new Mat(1, data.length, opencv_core.CV_8UC1, new BytePointer(data));
            ByteBuffer out = null;
            Mat dst;
            if (jpeg != null && jpeg.orientation() <= 4) { // decode in place: the stored size is the upright size
                int bytes = Math.multiplyExact(3 * jpeg.width(), jpeg.height());
                out = alloc.allocate(bytes);
                dst = new Mat(jpeg.height(), jpeg.width(), opencv_core.CV_8UC3, new BytePointer(out));
            } else {
                dst = new Mat();
            }
            Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR, dst);
            if (decoded == null || decoded.empty() || decoded.channels() != 3 || decoded.depth() != opencv_core.CV_8U) {
                throw new InvalidImageException("not a readable image (JPEG, PNG, BMP, WebP, TIFF expected): " + name);
            }
            int w = decoded.cols(), h = decoded.rows();
            if (out == null || decoded.data().address() != new BytePointer(out).address()) {
                int bytes = Math.multiplyExact(3 * w, h);
                if (out == null || out.capacity() < bytes) {
                    out = alloc.allocate(bytes);
                }
                Mat packed = decoded.isContinuous() ? decoded : decoded.clone();
                ByteBuffer src = packed.data().capacity(bytes).asByteBuffer();
                out.put(0, src, 0, bytes);
            }
            return new RawImage(out.position(0).limit(3 * w * h), w, h, 3 * w, PixelFormat.BGR);
        } catch (ArithmeticException e) {
            throw new InvalidImageException("image too large: " + name, e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidImageException) {
                throw e;
            }
            throw new InvalidImageException("cannot decode image " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return how many bands, at most {@code bands}, an image of that size is cut into: one per MIN_BAND_PIXELS */
    static int bandsFor(JpegHeader jpeg, int bands) {
        return (int) Math.min(bands, (long) jpeg.width() * jpeg.height() / MIN_BAND_PIXELS);
    }

    /** @return the bands decoded at once into one frame, or null when any band did not decode into its place */
    private static RawImage decodeBands(RestartBands cut, JpegHeader jpeg, FrameAllocator alloc) {
        int w = jpeg.width(), h = jpeg.height();
        int bytes;
        try {
            bytes = Math.multiplyExact(3 * w, h);
        } catch (ArithmeticException e) {
            return null;
        }
        ByteBuffer out = alloc.allocate(bytes);
        List<ForkJoinTask<Boolean>> tasks = new ArrayList<>();
        for (RestartBands.Band band : cut.bands()) {
            tasks.add(ForkJoinTask.adapt(() -> decodeBand(band, w, out)));
        }
        try {
            ForkJoinTask.invokeAll(tasks);
            for (ForkJoinTask<Boolean> t : tasks) {
                if (!t.join()) {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return new RawImage(out.position(0).limit(bytes), w, h, 3 * w, PixelFormat.BGR);
    }

    /**
     * Decodes a band into its rows of {@code out}: straight there when it has no context rows, else into a scratch
     * frame whose own rows are then copied.
     *
     * @return whether it decoded
     */
    private static boolean decodeBand(RestartBands.Band band, int width, ByteBuffer out) {
        try (PointerScope scope = new PointerScope()) {
            Mat encoded = new Mat(1, band.jpeg().length, opencv_core.CV_8UC1, new BytePointer(band.jpeg()));
            BytePointer at = new BytePointer(out).position((long) band.firstRow() * 3 * width);
            long address = at.address() + at.position();
            Mat dst = band.exact() ? new Mat(band.rows(), width, opencv_core.CV_8UC3, at) : new Mat();
            Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR, dst);
            if (decoded == null || decoded.empty() || decoded.cols() != width || decoded.rows() != band.decodedRows()
                    || decoded.type() != opencv_core.CV_8UC3 || !decoded.isContinuous()) {
                return false;
            }
            if (band.exact()) {
                return decoded.data().address() == address;
            }
            long rowBytes = 3L * width;
            Pointer.memcpy(at, decoded.data().position(band.skipRows() * rowBytes), band.rows() * rowBytes);
            return true;
        }
    }
}
