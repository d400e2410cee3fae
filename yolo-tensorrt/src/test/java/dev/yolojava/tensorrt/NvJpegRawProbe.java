package dev.yolojava.tensorrt;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.nvjpeg.nvjpegHandle;
import org.bytedeco.cuda.nvjpeg.nvjpegImage_t;
import org.bytedeco.cuda.nvjpeg.nvjpegJpegState;
import org.bytedeco.cuda.nvjpeg.nvjpegJpegStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemset;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamNonBlocking;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_BACKEND_GPU_HYBRID;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_BACKEND_HARDWARE;
import static org.bytedeco.cuda.global.nvjpeg.NVJPEG_OUTPUT_RGBI;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegCreateEx;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatched;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatchedInitialize;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegDecodeBatchedSupported;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegGetImageInfo;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStateCreate;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStreamCreate;
import static org.bytedeco.cuda.global.nvjpeg.nvjpegJpegStreamParse;

/**
 * A diagnostic for the GPU machine (not a test): nvJPEG's batched decoder driven by plain JavaCPP calls on
 * the main thread, with no TensorRT and none of the backend's code, one knob at a time, so that a CUDA
 * context fault can be pinned on an image, an output pitch, a stream or the support check rather than on
 * the backend. One JVM per case: {@code java -cp ... dev.yolojava.tensorrt.NvJpegRawProbe FLAGS IMG...} with
 * FLAGS a comma list of {@code hybrid} (else the hardware backend), {@code pitch256} (output rows padded
 * to 256 bytes, else exactly 3 × width), {@code stream} (a non-blocking stream of its own, else the legacy
 * default stream), {@code parse} (nvjpegJpegStreamParse + nvjpegDecodeBatchedSupported first, as the
 * backend does), {@code repeat} (20 decodes). Every step prints its status; after each decode the
 * device is synchronized and the checksum of the pixels printed.
 */
public final class NvJpegRawProbe {
    private NvJpegRawProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.asList(args[0].split(","));
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jpegs.add(Files.readAllBytes(Path.of(args[i])));
        }
        int n = jpegs.size();
        boolean hardware = !flags.contains("hybrid");
        Loader.load(org.bytedeco.cuda.global.nvjpeg.class);
        say("cudaSetDevice", cudaSetDevice(0));
        nvjpegHandle handle = new nvjpegHandle();
        say("nvjpegCreateEx(" + (hardware ? "hardware" : "hybrid") + ")",
                nvjpegCreateEx(hardware ? NVJPEG_BACKEND_HARDWARE : NVJPEG_BACKEND_GPU_HYBRID, null, null, 0, handle));
        nvjpegJpegState state = new nvjpegJpegState();
        say("nvjpegJpegStateCreate", nvjpegJpegStateCreate(handle, state));
        CUstream_st stream = null;
        if (flags.contains("stream")) {
            stream = new CUstream_st();
            say("cudaStreamCreateWithFlags", cudaStreamCreateWithFlags(stream, cudaStreamNonBlocking));
        }
        int[] w = new int[n], h = new int[n];
        long[] pitch = new long[n];
        nvjpegJpegStream parser = new nvjpegJpegStream();
        say("nvjpegJpegStreamCreate", nvjpegJpegStreamCreate(handle, parser));
        for (int i = 0; i < n; i++) {
            byte[] j = jpegs.get(i);
            IntPointer comps = new IntPointer(1), sub = new IntPointer(1), ws = new IntPointer(4), hs = new IntPointer(4);
            say("nvjpegGetImageInfo(" + args[i + 1] + ")", nvjpegGetImageInfo(handle, new BytePointer(j), j.length, comps, sub, ws, hs));
            w[i] = ws.get(0);
            h[i] = hs.get(0);
            pitch[i] = flags.contains("pitch256") ? (3L * w[i] + 255) / 256 * 256 : 3L * w[i];
            System.out.printf("probe %s: %dx%d, %d components, subsampling %d, pitch %d%n", args[i + 1], w[i], h[i],
                    comps.get(), sub.get(), pitch[i]);
            if (flags.contains("parse")) {
                say("nvjpegJpegStreamParse", nvjpegJpegStreamParse(handle, new BytePointer(j), j.length, 0, 0, parser));
                IntPointer unsupported = new IntPointer(1);
                say("nvjpegDecodeBatchedSupported", nvjpegDecodeBatchedSupported(handle, parser, unsupported));
                System.out.println("probe   unsupported = " + unsupported.get());
            }
        }
        say("nvjpegDecodeBatchedInitialize(" + n + ")", nvjpegDecodeBatchedInitialize(handle, state, n, 1, NVJPEG_OUTPUT_RGBI));
        Pointer[] out = new Pointer[n];
        nvjpegImage_t dst = new nvjpegImage_t(n);
        Pointer.memset(dst, 0, (long) n * dst.sizeof());
        PointerPointer<BytePointer> data = new PointerPointer<>(n);
        SizeTPointer lengths = new SizeTPointer(n);
        for (int i = 0; i < n; i++) {
            out[i] = new Pointer();
            say("cudaMalloc", cudaMalloc(out[i], pitch[i] * h[i]));
            say("cudaMemset", cudaMemset(out[i], 0, pitch[i] * h[i]));
            dst.position(i).channel(0, new BytePointer(out[i])).pitch(0, pitch[i]);
            data.put(i, new BytePointer(jpegs.get(i)));
            lengths.put(i, jpegs.get(i).length);
        }
        dst.position(0);
        int rounds = flags.contains("repeat") ? 20 : 1;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            say("nvjpegDecodeBatched round " + r, nvjpegDecodeBatched(handle, state, data, lengths, dst, stream));
            if (stream != null) {
                say("cudaStreamSynchronize", cudaStreamSynchronize(stream));
            }
            int s = cudaDeviceSynchronize();
            System.out.printf("probe round %d: %.3f ms, cudaDeviceSynchronize %d %s%n", r, (System.nanoTime() - t0) / 1e6, s,
                    cudaGetErrorString(s).getString());
        }
        for (int i = 0; i < n; i++) {
            byte[] host = new byte[(int) (pitch[i] * h[i])];
            BytePointer hp = new BytePointer(host.length);
            say("cudaMemcpy D2H", cudaMemcpy(hp, out[i], host.length, cudaMemcpyDeviceToHost));
            hp.get(host);
            long sum = 0;
            for (int y = 0; y < h[i]; y++) {
                for (int x = 0; x < 3 * w[i]; x++) {
                    sum += host[(int) (y * pitch[i]) + x] & 0xFF;
                }
            }
            System.out.printf("probe %s: mean pixel %.2f%n", args[i + 1], sum / (3.0 * w[i] * h[i]));
        }
        System.out.println("probe done");
    }

    private static void say(String call, int status) {
        System.out.println("probe " + call + " = " + status);
        if (status != 0) {
            System.out.println("probe FAILED at " + call);
            System.out.flush();
            System.exit(1);
        }
    }
}
