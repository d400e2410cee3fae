package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.preprocess.Letterbox;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.Pointer;

/**
 * The GPU letterbox ({@code letterbox.cu}, shipped as PTX and JIT-compiled by the driver): 8-bit
 * interleaved frame on the device → float CHW RGB in [0, 1], same math as the CPU preprocessor; NV12 device
 * frames (NVDEC's output) are converted to RGB in the same pass.
 */
public final class LetterboxKernel implements AutoCloseable {
    private final PtxModule module;
    private final CUfunc_st function;
    private final CUfunc_st nv12;

    /** Loads the PTX into the current context. */
    public LetterboxKernel() {
        this.module = new PtxModule("letterbox.ptx");
        try {
            this.function = module.function("yolo_letterbox");
            this.nv12 = module.function("yolo_letterbox_nv12");
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    /**
     * Enqueues the letterbox of one frame already on the device.
     *
     * @param src    the frame's bytes on the device (NV12: its luma plane)
     * @param image  the frame's geometry and layout (NV12: a {@link DeviceImage} with its chroma plane)
     * @param lb     the letterbox
     * @param dst    where the CHW floats go on the device
     * @param stream the stream
     */
    public void launch(Pointer src, Frame image, Letterbox lb, Pointer dst, CUstream_st stream) {
        int bx = 32, by = 8;
        if (!image.format().interleaved()) {
            DeviceImage d = (DeviceImage) image; // only device frames are NV12
            PtxModule.launch(nv12, "yolo_letterbox_nv12", (lb.dstWidth() + bx - 1) / bx, (lb.dstHeight() + by - 1) / by,
                    bx, by, stream,
                    src, d.stride(), Cuda.at(d.chromaAddress()), d.chromaStride(), d.width(), d.height(),
                    d.colors().bt709() ? 1 : 0, d.colors().fullRange() ? 1 : 0,
                    dst, lb.dstWidth(), lb.dstHeight(), lb.padLeft(), lb.padTop(), lb.resizedWidth(), lb.resizedHeight(),
                    (float) d.width() / lb.resizedWidth(), (float) d.height() / lb.resizedHeight());
            return;
        }
        PtxModule.launch(function, "yolo_letterbox", (lb.dstWidth() + bx - 1) / bx, (lb.dstHeight() + by - 1) / by,
                bx, by, stream,
                src, image.width(), image.height(), image.stride(), image.format().redOffset(), image.format().blueOffset(),
                dst, lb.dstWidth(), lb.dstHeight(), lb.padLeft(), lb.padTop(), lb.resizedWidth(), lb.resizedHeight(),
                (float) image.width() / lb.resizedWidth(), (float) image.height() / lb.resizedHeight());
    }

    @Override
    public void close() {
        module.close();
    }
}
