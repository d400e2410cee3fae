package dev.yolojava.onnxruntime.internal;

import dev.yolojava.onnxruntime.OnnxRuntimeProvider;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.yolojava.core.ModelLoadException;
import dev.yolojava.core.ShapeMismatchException;
import dev.yolojava.core.YoloException;
import dev.yolojava.core.spi.BackendOptions;
import dev.yolojava.core.spi.InferenceBackend;
import dev.yolojava.core.spi.InputSize;
import dev.yolojava.core.spi.ModelInfo;
import dev.yolojava.core.spi.OutputTensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A model loaded in ONNX Runtime on the CPU. Input and output tensors wrap direct buffers that are
 * allocated once per batch size and reused, so a steady stream of calls allocates no native memory.
 */
public final class OnnxRuntimeBackend implements InferenceBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeBackend.class);
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelInfo info;
    private final Path model;
    private final int maxBatch;
    private final int threads;
    private final Map<Integer, Bound> bound = new HashMap<>();
    private final Map<Integer, FloatBuffer> gathered = new HashMap<>();
    private boolean closed;

    /** The tensors bound for one batch size. */
    private record Bound(FloatBuffer inputView, OnnxTensor input, OnnxTensor output, FloatBuffer outputData, long[] outShape) {
    }

    private OnnxRuntimeBackend(OrtEnvironment env, OrtSession session, ModelInfo info, Path model, int maxBatch, int threads) {
        this.threads = threads;
        this.env = env;
        this.session = session;
        this.info = info;
        this.model = model;
        this.maxBatch = maxBatch;
    }

    /**
     * Opens the model the options name (what {@link OnnxRuntimeProvider} does for the detector).
     *
     * @param options the model and the backend options
     * @return the open backend
     */
    public static OnnxRuntimeBackend open(BackendOptions options) {
        Path model = options.model();
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("model file not found: " + model.toAbsolutePath());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            int threads = Integer.parseInt(options.property(OnnxRuntimeProvider.THREADS,
                    String.valueOf(Runtime.getRuntime().availableProcessors())).trim());
            if (threads < 1) {
                throw new IllegalArgumentException(OnnxRuntimeProvider.THREADS + ": expected a whole number >= 1, got "
                        + threads);
            }
            so.setIntraOpNumThreads(threads);
            try {
                session = env.createSession(model.toString(), so);
            } catch (OrtException e) {
                throw new ModelLoadException("not a loadable ONNX model: " + model + " (" + firstLine(e.getMessage()) + ")", e);
            }
            ModelInfo info = readInfo(session, model, options);
            LOG.info("ONNX Runtime {} loaded {}: {}", OrtEnvironment.getEnvironment().getVersion(), model.getFileName(), info);
            return new OnnxRuntimeBackend(env, session, info, model, options.maxBatchSize(), threads);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelLoadException("cannot read model " + model + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            closeQuietly(session);
            throw new IllegalArgumentException(OnnxRuntimeProvider.THREADS + ": expected a whole number >= 1, got '"
                    + options.property(OnnxRuntimeProvider.THREADS, "") + "'", e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static ModelInfo readInfo(OrtSession session, Path model, BackendOptions options) throws OrtException {
        if (session.getNumInputs() != 1) {
            throw new ModelLoadException("model " + model + " has " + session.getNumInputs()
                    + " inputs: expected 1 image input [N, 3, H, W]");
        }
        NodeInfo in = session.getInputInfo().values().iterator().next();
        NodeInfo out = session.getOutputInfo().values().iterator().next();
        if (!(in.getInfo() instanceof TensorInfo ti) || !(out.getInfo() instanceof TensorInfo to)) {
            throw new ModelLoadException("model " + model + ": input and output must be tensors");
        }
        if (ti.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ModelLoadException("model " + model + " input '" + in.getName() + "': expected float32, got " + ti.type);
        }
        long[] inShape = ti.getShape();
        if (inShape.length != 4 || (inShape[1] != 3 && inShape[1] != -1)) {
            throw ShapeMismatchException.of("model " + model.getFileName() + " input '" + in.getName() + "'",
                    "[N, 3, H, W]", inShape);
        }
        Map<String, String> meta = session.getMetadata().getCustomMetadata();
        InputSize size = InputSize.resolve(inShape, meta, options.inputWidth(), options.inputHeight(),
                String.valueOf(model.getFileName()));
        inShape[2] = size.height();
        inShape[3] = size.width();
        return new ModelInfo(in.getName(), inShape, out.getName(), to.getShape(), meta);
    }

    @Override
    public String name() {
        return OnnxRuntimeProvider.NAME;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("device", "CPU (" + Runtime.getRuntime().availableProcessors() + " cores)");
        d.put("onnxruntime", env.getVersion());
        d.put("intraOpThreads", String.valueOf(threads));
        return d;
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public OutputTensor infer(FloatBuffer input, int batch) {
        if (closed) {
            throw new IllegalStateException("ONNX Runtime backend for " + model + " is closed");
        }
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch must be 1.." + maxBatch + ", got " + batch);
        }
        long[] inShape = info.inputShape();
        try {
            if (inShape[0] > 0 && inShape[0] != batch) {
                return inferInChunks(input, batch, (int) inShape[0]);
            }
            Bound b = bind(input, batch, 0, batch);
            return run(b);
        } catch (OrtException e) {
            throw new YoloException("ONNX Runtime failed running " + model.getFileName() + " on batch " + batch + ": "
                    + e.getMessage(), e);
        }
    }

    private OutputTensor run(Bound b) throws OrtException {
        try (OrtSession.Result r = b.output != null
                ? session.run(Map.of(info.inputName(), b.input), Map.of(info.outputName(), b.output))
                : session.run(Map.of(info.inputName(), b.input))) {
            if (b.output != null) {
                return new OutputTensor(b.outputData.duplicate(), b.outShape);
            }
            OnnxTensor t = (OnnxTensor) r.get(0);
            return new OutputTensor(t.getFloatBuffer(), t.getInfo().getShape());
        }
    }

    /** A model with a fixed batch (yolov8n.onnx has batch 1) runs a larger batch as consecutive runs. */
    private OutputTensor inferInChunks(FloatBuffer input, int batch, int fixed) throws OrtException {
        if (batch % fixed != 0) {
            throw ShapeMismatchException.of("batch for model input '" + info.inputName() + "' (fixed batch " + fixed + ")",
                    "a multiple of " + fixed, new long[]{batch});
        }
        FloatBuffer all = null;
        long[] shape = null;
        for (int c = 0; c < batch / fixed; c++) {
            Bound b = bind(input, -(c + 1), c * fixed, fixed);
            if (b.output == null) {
                throw ShapeMismatchException.of("output of " + model.getFileName() + " (needed to batch a fixed-batch model)",
                        "static dimensions after the batch", info.outputShape());
            }
            run(b);
            int per = b.outputData.capacity();
            if (all == null) {
                all = gathered.computeIfAbsent(batch, n -> ByteBuffer.allocateDirect(4 * per * (n / fixed))
                        .order(ByteOrder.nativeOrder()).asFloatBuffer());
                shape = b.outShape.clone();
                shape[0] = batch;
            }
            all.position(c * per);
            all.put(b.outputData.duplicate().position(0));
        }
        return new OutputTensor(all.duplicate().position(0), shape);
    }

    private Bound bind(FloatBuffer input, int key, int firstImage, int batch) throws OrtException {
        Bound b = bound.get(key);
        long[] inShape = info.inputShape();
        int h = (int) inShape[2], w = (int) inShape[3];
        int perImage = 3 * h * w;
        if (b != null && sameMemory(b.inputView, input)) {
            return b;
        }
        if (b != null) {
            closeBound(b);
        }
        if (!input.isDirect()) {
            throw new IllegalArgumentException("input buffer must be direct (ByteBuffer.allocateDirect)");
        }
        int end = (firstImage + batch) * perImage;
        if (input.capacity() < end) {
            throw ShapeMismatchException.of("input buffer", "at least " + end + " floats for batch " + (firstImage + batch),
                    new long[]{input.capacity()});
        }
        FloatBuffer view = input.duplicate().position(firstImage * perImage).limit(end).slice();
        OnnxTensor in = OnnxTensor.createTensor(env, view, new long[]{batch, 3, h, w});
        long[] outShape = info.outputShape();
        OnnxTensor out = null;
        FloatBuffer outData = null;
        boolean fixed = outShape.length > 1;
        for (int i = 1; i < outShape.length; i++) {
            fixed &= outShape[i] > 0;
        }
        if (fixed) {
            outShape[0] = batch;
            long n = 1;
            for (long d : outShape) {
                n *= d;
            }
            outData = ByteBuffer.allocateDirect((int) (4 * n)).order(ByteOrder.nativeOrder()).asFloatBuffer();
            out = OnnxTensor.createTensor(env, outData, outShape);
        }
        b = new Bound(input, in, out, outData, outShape);
        bound.put(key, b);
        return b;
    }

    private static boolean sameMemory(FloatBuffer a, FloatBuffer b) {
        return a == b;
    }

    private static void closeBound(Bound b) {
        b.input.close();
        if (b.output != null) {
            b.output.close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        bound.values().forEach(OnnxRuntimeBackend::closeBound);
        bound.clear();
        gathered.clear();
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.warn("closing ONNX Runtime session failed: {}", e.getMessage());
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
