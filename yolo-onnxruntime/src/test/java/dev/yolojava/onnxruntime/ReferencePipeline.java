package dev.yolojava.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Ultralytics predict pipeline written out the plain way, sharing no code with the SDK:
 * {@code LetterBox(640, auto=False)} (scale = min(640/h, 640/w), resize to round(w*r) x round(h*r),
 * pad 114 centred), RGB / 255, NCHW; output {@code [1, 84, 8400]} read row by row; best class per
 * anchor over conf 0.25; greedy per-class NMS; boxes mapped back with {@code scale_boxes}
 * ((x - pad) / r, clipped). Resizing uses Java2D's bilinear filter instead of OpenCV's, so pixels
 * differ slightly from the SDK's and boxes must agree within IoU 0.9, not exactly.
 */
final class ReferencePipeline {
    record Box(int cls, float score, float x1, float y1, float x2, float y2) {
        float iou(Box o) {
            float ix = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
            float iy = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
            float inter = ix * iy;
            return inter / ((x2 - x1) * (y2 - y1) + (o.x2 - o.x1) * (o.y2 - o.y1) - inter);
        }
    }

    static List<Box> run(Path model, BufferedImage img, float conf, float iou) throws Exception {
        int w = img.getWidth(), h = img.getHeight();
        double r = Math.min(640.0 / h, 640.0 / w);
        int nw = (int) Math.round(w * r), nh = (int) Math.round(h * r);
        int left = (int) Math.round((640 - nw) / 2.0 - 0.1), top = (int) Math.round((640 - nh) / 2.0 - 0.1);
        BufferedImage canvas = new BufferedImage(640, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(114, 114, 114));
        g.fillRect(0, 0, 640, 640);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, left, top, nw, nh, null);
        g.dispose();
        float[][][][] x = new float[1][3][640][640];
        for (int yy = 0; yy < 640; yy++) {
            for (int xx = 0; xx < 640; xx++) {
                int rgb = canvas.getRGB(xx, yy);
                x[0][0][yy][xx] = ((rgb >> 16) & 255) / 255f;
                x[0][1][yy][xx] = ((rgb >> 8) & 255) / 255f;
                x[0][2][yy][xx] = (rgb & 255) / 255f;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][][] out;
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, x);
             OrtSession.Result res = s.run(Map.of("images", t))) {
            out = (float[][][]) res.get(0).getValue();
        }
        List<Box> cands = new ArrayList<>();
        int anchors = out[0][0].length, classes = out[0].length - 4;
        for (int a = 0; a < anchors; a++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (out[0][4 + c][a] > out[0][4 + best][a]) {
                    best = c;
                }
            }
            float score = out[0][4 + best][a];
            if (score > conf) {
                float cx = out[0][0][a], cy = out[0][1][a], bw = out[0][2][a], bh = out[0][3][a];
                cands.add(new Box(best, score, cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2));
            }
        }
        cands.sort(Comparator.comparingDouble(Box::score).reversed());
        List<Box> kept = new ArrayList<>();
        for (Box b : cands) {
            if (kept.stream().noneMatch(k -> k.cls() == b.cls() && k.iou(b) > iou)) {
                kept.add(b);
            }
        }
        double padX = Math.round((640 - w * r) / 2 - 0.1), padY = Math.round((640 - h * r) / 2 - 0.1);
        return kept.stream().map(b -> new Box(b.cls(), b.score(),
                clip((b.x1() - padX) / r, w), clip((b.y1() - padY) / r, h),
                clip((b.x2() - padX) / r, w), clip((b.y2() - padY) / r, h))).toList();
    }

    private static float clip(double v, int max) {
        return (float) Math.max(0, Math.min(max, v));
    }

    private ReferencePipeline() {
    }
}
