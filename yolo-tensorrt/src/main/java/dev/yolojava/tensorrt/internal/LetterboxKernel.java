package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

/**
 * The GPU letterbox ({@code letterbox.cu}, shipped as PTX and JIT-compiled by the driver): 8-bit
 * interleaved frame on the device → float CHW RGB in [0, 1], same math as the CPU preprocessor.
 */
public final class LetterboxKernel implements AutoCloseable {
    private final CUmod_st module = new CUmod_st();
    private final CUfunc_st function = new CUfunc_st();
    private boolean closed;

    /** Loads the PTX into the current context. */
    public LetterboxKernel() {
        byte[] withNul;
        try (InputStream in = LetterboxKernel.class.getResourceAsStream("/dev/yolojava/tensorrt/letterbox.ptx")) {
            if (in == null) {
                throw new IllegalStateException("letterbox.ptx missing from the yolo-tensorrt jar");
            }
            byte[] b = in.readAllBytes();
            withNul = Arrays.copyOf(b, b.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BytePointer image = new BytePointer(withNul)) {
            Cuda.checkDriver(cuModuleLoadData(module, image), "cuModuleLoadData(letterbox.ptx)");
        }
        Cuda.checkDriver(cuModuleGetFunction(function, module, "yolo_letterbox"), "cuModuleGetFunction(yolo_letterbox)");
    }

    /**
     * Enqueues the letterbox of one frame already on the device.
     *
     * @param src    the frame's bytes on the device
     * @param image  the frame's geometry and channel order
     * @param lb     the letterbox
     * @param dst    where the CHW floats go on the device
     * @param stream the stream
     */
    public void launch(Pointer src, RawImage image, Letterbox lb, Pointer dst, CUstream_st stream) {
        try (PointerScope scope = new PointerScope()) {
            PointerPointer<Pointer> args = new PointerPointer<>(15);
            args.put(0, new LongPointer(1).put(src.address() + src.position()));
            args.put(1, new IntPointer(1).put(image.width()));
            args.put(2, new IntPointer(1).put(image.height()));
            args.put(3, new IntPointer(1).put(image.stride()));
            args.put(4, new IntPointer(1).put(image.format().redOffset()));
            args.put(5, new IntPointer(1).put(image.format().blueOffset()));
            args.put(6, new LongPointer(1).put(dst.address() + dst.position()));
            args.put(7, new IntPointer(1).put(lb.dstWidth()));
            args.put(8, new IntPointer(1).put(lb.dstHeight()));
            args.put(9, new IntPointer(1).put(lb.padLeft()));
            args.put(10, new IntPointer(1).put(lb.padTop()));
            args.put(11, new IntPointer(1).put(lb.resizedWidth()));
            args.put(12, new IntPointer(1).put(lb.resizedHeight()));
            args.put(13, new FloatPointer(1).put((float) image.width() / lb.resizedWidth()));
            args.put(14, new FloatPointer(1).put((float) image.height() / lb.resizedHeight()));
            int bx = 32, by = 8;
            Cuda.checkDriver(cuLaunchKernel(function, (lb.dstWidth() + bx - 1) / bx, (lb.dstHeight() + by - 1) / by, 1,
                    bx, by, 1, 0, stream, args, (PointerPointer<?>) null), "cuLaunchKernel(yolo_letterbox)");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cuModuleUnload(module);
        }
    }
}
