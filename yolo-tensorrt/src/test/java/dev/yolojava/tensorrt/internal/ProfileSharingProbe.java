package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.internal.onnx.OnnxTestModels;
import dev.yolojava.core.spi.BackendOptions;
import org.bytedeco.javacpp.FloatPointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.bytedeco.cuda.global.cudart.cudaMemcpy;

/**
 * Whether TensorRT 10.6 lets two execution contexts run one optimization profile of a dynamic-batch engine at once
 * (it does, on an H200: batched engines are now built with 1 profile instead of 4): a dynamic-batch identity model
 * built with one profile, two contexts that claim no profile, both enqueued before either is awaited, outputs
 * compared with inputs. Prints one line {@code probe profile-sharing: ...}. Run on a GPU (campaign.sh s9a).
 */
public final class ProfileSharingProbe {
    private ProfileSharingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("profile-sharing");
        Path model = Files.write(dir.resolve("dynamic.onnx"),
                OnnxTestModels.identityChain(new long[]{-1, 3, 64, 64}, "mid", "out"));
        TensorRtOptions opts = TensorRtOptions.from(new BackendOptions(model, 4, 0, 0, Map.of("tensorrt.cacheDir",
                dir.resolve("engines").toString(), "tensorrt.optimizationLevel", "0", "tensorrt.precision", "fp32")));
        GpuInfo gpu = GpuInfo.query(0);
        EngineKey key = new EngineKey("probe", gpu.tensorRtVersion(), gpu.name(), gpu.computeCapability(), "fp32", 1, 4,
                4, 64, 64, 0, false, 1, false, -1);
        byte[] plan = EngineBuilder.build(model, key, opts, null, null, null);
        Path file = Files.write(dir.resolve("dynamic.engine"), plan);
        LoadedEngines.Loaded l = LoadedEngines.load(0, file, plan);
        int batch = 4;
        long floats = (long) batch * 3 * 64 * 64;
        List<ExecutionSlot> slots = new ArrayList<>();
        String outcome;
        try {
            for (int i = 0; i < 2; i++) { // no profile claimed: the first context has profile 0 implicitly
                slots.add(new ExecutionSlot(i, l.engine(), null, "x", "out", 3 * 64 * 64 * 4L, 3 * 64 * 64 * 4L, batch,
                        new ExecutionSlot.Settings(false, false)));
            }
            Random r = new Random(5);
            List<float[]> inputs = new ArrayList<>();
            for (ExecutionSlot s : slots) {
                float[] in = new float[(int) floats];
                for (int k = 0; k < in.length; k++) {
                    in[k] = r.nextFloat();
                }
                inputs.add(in);
                Cuda.check(cudaMemcpy(s.input.pointer(), new FloatPointer(in), floats * 4, 1), "cudaMemcpy H2D");
                s.setBatch("x", batch, 64, 64);
            }
            for (ExecutionSlot s : slots) {
                s.enqueueDirect(batch, false, false); // both in flight before either is awaited
            }
            int wrong = 0;
            for (int i = 0; i < slots.size(); i++) {
                slots.get(i).synchronize();
                float[] got = new float[(int) floats];
                FloatPointer host = new FloatPointer(floats);
                Cuda.check(cudaMemcpy(host, slots.get(i).output.pointer(), floats * 4, 2), "cudaMemcpy D2H");
                host.get(got);
                for (int k = 0; k < got.length; k++) {
                    wrong += got[k] == inputs.get(i)[k] ? 0 : 1;
                }
            }
            outcome = wrong == 0 ? "OK: two contexts ran one profile at once, outputs exact"
                    : "WRONG: " + wrong + " output values differ from the inputs";
        } catch (RuntimeException e) {
            outcome = "FAILED: " + e;
        } finally {
            slots.forEach(ExecutionSlot::close);
        }
        System.out.println("probe profile-sharing: engine with " + l.engine().getNbOptimizationProfiles()
                + " profile(s): " + outcome);
    }
}
