package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.tensorrt.TensorRtException;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.bytedeco.tensorrt.global.nvinfer.DataType;
import static org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import static org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;

/**
 * An engine's input and output as a detector runs them: the first input and first output tensor, both float32; the
 * input {@code [B,3,H,W]}; the batch one execution takes ({@code slotBatch}: the engine's fixed batch, or for a
 * dynamic-batch engine the detector's whole batch, which its optimization profile must allow). Shapes carry that
 * batch. Checked apart from TensorRT ({@link #resolve}), so the rules are tested on the CPU.
 *
 * @param inputName    the input tensor
 * @param outputName   the output tensor
 * @param inputShape   {@code [slotBatch, 3, H, W]}
 * @param outputShape  {@code [slotBatch, ...]}
 * @param dynamicBatch whether the engine's batch dimension is dynamic
 * @param slotBatch    images per execution
 * @param inputFloats  floats per image in the input
 * @param outputFloats floats per image in the output
 */
record EngineIo(String inputName, String outputName, long[] inputShape, long[] outputShape, boolean dynamicBatch,
                int slotBatch, long inputFloats, long outputFloats) {

    /** One I/O tensor as the engine declares it. */
    record Tensor(String name, boolean input, String dataType, long[] shape) {
    }

    /**
     * @param engine     the engine
     * @param engineFile its file, for messages
     * @param maxBatch   the detector's batch size
     * @return its I/O
     * @throws TensorRtException     when the engine's tensors or profile do not fit a YOLO detector
     * @throws ShapeMismatchException when a shape does not
     */
    static EngineIo of(ICudaEngine engine, Path engineFile, int maxBatch) {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < engine.getNbIOTensors(); i++) {
            String n = engine.getIOTensorName(i);
            DataType t = engine.getTensorDataType(n).intern();
            tensors.add(new Tensor(n, engine.getTensorIOMode(n).intern() == TensorIOMode.kINPUT,
                    t == DataType.kFLOAT ? "FLOAT" : String.valueOf(t), dims(engine.getTensorShape(n))));
        }
        return resolve(tensors, in -> (int) engine.getProfileShape(in, 0, OptProfileSelector.kMAX).d(0), maxBatch,
                engineFile);
    }

    /**
     * The rules, apart from TensorRT.
     *
     * @param tensors    the engine's I/O tensors, in its order
     * @param profileMax the largest batch the engine's first optimization profile allows for the named input (asked
     *                   only when dynamic)
     * @param maxBatch   the detector's batch size
     * @param engineFile the engine's file, for messages
     * @return the I/O
     */
    static EngineIo resolve(List<Tensor> tensors, ToIntFunction<String> profileMax, int maxBatch, Path engineFile) {
        Tensor in = tensors.stream().filter(Tensor::input).findFirst().orElse(null);
        Tensor out = tensors.stream().filter(t -> !t.input()).findFirst().orElse(null);
        if (in == null || out == null) {
            throw new TensorRtException("engine " + engineFile + " needs one input and one output tensor, has "
                    + tensors.size() + " I/O tensors");
        }
        for (Tensor t : List.of(in, out)) {
            if (!t.dataType().equals("FLOAT")) {
                throw new TensorRtException("engine tensor '" + t.name() + "': expected FLOAT, got " + t.dataType()
                        + " (build the engine with float32 inputs/outputs)");
            }
        }
        long[] inShape = in.shape().clone();
        long[] outShape = out.shape().clone();
        if (inShape.length != 4 || inShape[1] != 3) {
            throw ShapeMismatchException.of("engine input '" + in.name() + "'", "[B,3,H,W]", inShape);
        }
        boolean dynamic = inShape[0] < 0;
        if (dynamic) {
            int max = profileMax.applyAsInt(in.name());
            if (max < maxBatch) {
                throw new TensorRtException("engine " + engineFile + " allows batch up to " + max
                        + ", the detector asks for " + maxBatch + "; rebuild it or lower batchSize");
            }
        }
        int slotBatch = dynamic ? maxBatch : (int) inShape[0];
        inShape[0] = slotBatch;
        outShape[0] = slotBatch;
        long o = 1;
        for (int i = 1; i < outShape.length; i++) {
            o *= outShape[i];
        }
        if (o <= 0) {
            throw ShapeMismatchException.of("engine output '" + out.name() + "'", "static dimensions after the batch",
                    outShape);
        }
        return new EngineIo(in.name(), out.name(), inShape, outShape, dynamic, slotBatch,
                inShape[1] * inShape[2] * inShape[3], o);
    }

    /** @return the executions {@code images} images take: one per {@link #slotBatch} of them, the last one partial */
    int executions(int images) {
        return (images + slotBatch - 1) / slotBatch;
    }

    /**
     * @param count images of one execution
     * @return the batch that execution runs: {@code count} on a dynamic-batch engine, else the engine's fixed batch
     *         (padding included)
     */
    int executionBatch(int count) {
        return dynamicBatch ? count : slotBatch;
    }

    private static long[] dims(Dims64 d) {
        long[] r = new long[d.nbDims()];
        for (int i = 0; i < r.length; i++) {
            r[i] = d.d(i);
        }
        return r;
    }
}
