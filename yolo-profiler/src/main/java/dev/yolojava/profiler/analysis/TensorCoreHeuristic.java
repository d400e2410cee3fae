package dev.yolojava.profiler.analysis;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Guesses from a kernel's name whether it runs on Tensor Cores, for when no hardware counter is
 * read: cuDNN/cuBLAS/CUTLASS/TensorRT name their MMA kernels after the instruction shape
 * ({@code h1688}, {@code s16816}, {@code hmma}, {@code wgmma}, {@code xmma}, {@code tensorop}...).
 * A guess: a kernel named otherwise may still use them.
 */
public final class TensorCoreHeuristic {
    private static final Pattern MMA = Pattern.compile(
            "hmma|imma|wgmma|xmma|tensorop|tensor_op|mma_|_mma|gmma|[hsi](884|1688|16816|8816|16832)"
                    + "|sm(75|80|86|89|90)_.*(gemm|conv)|tf32|bf16.*(gemm|conv)|f16f16|fp16.*(gemm|conv)");

    private TensorCoreHeuristic() {
    }

    /**
     * @param kernelName a kernel's name
     * @return whether {@code kernelName} looks like a Tensor Core kernel
     */
    public static boolean looksLikeTensorCore(String kernelName) {
        return kernelName != null && MMA.matcher(kernelName.toLowerCase(Locale.ROOT)).find();
    }
}
