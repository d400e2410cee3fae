package dev.yolojava.tensorrt.internal;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

/**
 * One PTX module of this jar's resources, JIT-compiled by the driver into the current context,
 * and the kernel launches into it. Owns the module; {@link #close()} unloads it once.
 */
final class PtxModule implements AutoCloseable {
    private final CUmod_st module = new CUmod_st();
    private final String resource;
    private boolean closed;

    /** @param resource the PTX file name under {@code dev/yolojava/tensorrt/} */
    PtxModule(String resource) {
        this.resource = resource;
        byte[] withNul;
        try (InputStream in = PtxModule.class.getResourceAsStream("/dev/yolojava/tensorrt/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the yolo-tensorrt jar");
            }
            byte[] b = in.readAllBytes();
            withNul = Arrays.copyOf(b, b.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BytePointer image = new BytePointer(withNul)) {
            Cuda.checkDriver(cuModuleLoadData(module, image), "cuModuleLoadData(" + resource + ")");
        }
    }

    /** @return the kernel {@code name} of this module */
    CUfunc_st function(String name) {
        CUfunc_st f = new CUfunc_st();
        Cuda.checkDriver(cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + resource + ", " + name + ")");
        return f;
    }

    /**
     * Launches {@code f} on {@code stream}, its arguments packed into the calling thread's {@link KernelArgs}
     * (no native allocation per launch).
     *
     * @param args kernel arguments in order: {@link Integer} (int), {@link Float} (float),
     *             {@link Pointer} (a device address, position included) or {@link Long} (an address; 0 = null)
     */
    static void launch(CUfunc_st f, String name, int gridX, int gridY, int blockX, int blockY, CUstream_st stream,
                       Object... args) {
        PointerPointer<Pointer> params = KernelArgs.forThisThread().pack(name, args);
        Cuda.checkDriver(cuLaunchKernel(f, gridX, gridY, 1, blockX, blockY, 1, 0, stream, params, (PointerPointer<?>) null),
                "cuLaunchKernel(" + name + ")");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cuModuleUnload(module);
        }
    }
}
