package dev.yolojava.examples;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws detections (box, label, score) on a copy of an image. Labels need the JDK's font code, which
 * fails on headless servers without libfreetype/libharfbuzz: then the boxes are drawn without text and
 * one warning is logged, so drawing never costs the detections.
 */
final class Annotator {
    private static final Logger LOG = LoggerFactory.getLogger(Annotator.class);
    private static final Color[] PALETTE = {
        new Color(0xFF3838), new Color(0xFF9D97), new Color(0xFF701F), new Color(0xFFB21D), new Color(0xCFD231),
        new Color(0x48F90A), new Color(0x92CC17), new Color(0x3DDB86), new Color(0x1A9334), new Color(0x00D4BB),
        new Color(0x2C99A8), new Color(0x00C2FF), new Color(0x344593), new Color(0x6473FF), new Color(0x0018EC),
        new Color(0x8438FF), new Color(0x520085), new Color(0xCB38FF), new Color(0xFF95C8), new Color(0xFF37C7)};

    /** Draws one label: text on a filled box of the class colour above (x, y). */
    interface LabelPainter {
        void paint(Graphics2D g, String text, int x, int y, Color color, int thickness);
    }

    private final LabelPainter labels;
    private boolean labelsFailed;

    /** An annotator that draws labels with the JDK's fonts. */
    Annotator() {
        this(Annotator::paintLabel);
    }

    Annotator(LabelPainter labels) {
        this.labels = labels;
    }

    /** @return whether labels were given up on because the font code failed */
    boolean labelsFailed() {
        return labelsFailed;
    }

    /** @return a copy of {@code src} with the detections drawn */
    BufferedImage draw(BufferedImage src, List<Detection> detections) {
        if (!labelsFailed) {
            try {
                return render(src, detections, true);
            } catch (LinkageError | InternalError | AWTError e) {
                labelsFailed = true;
                LOG.warn("cannot draw label text ({}): fonts are unusable here (on Linux install libfreetype6 and"
                        + " libharfbuzz0b); drawing boxes without labels from now on", e.toString());
            }
        }
        return render(src, detections, false);
    }

    private BufferedImage render(BufferedImage src, List<Detection> detections, boolean withLabels) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
            int thick = Math.max(2, Math.round(Math.max(src.getWidth(), src.getHeight()) / 320f));
            g.setStroke(new BasicStroke(thick));
            for (Detection d : detections) {
                BoundingBox b = d.box();
                g.setColor(color(d.classId()));
                g.drawRect(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.width()), Math.round(b.height()));
            }
            if (withLabels) {
                for (Detection d : detections) {
                    String text = String.format(Locale.ROOT, "%s %.2f", d.label(), d.score());
                    labels.paint(g, text, Math.round(d.box().x1()), Math.round(d.box().y1()), color(d.classId()), thick);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    static Color color(int classId) {
        return PALETTE[Math.floorMod(classId, PALETTE.length)];
    }

    private static void paintLabel(Graphics2D g, String text, int x, int y, Color color, int thickness) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, thickness * 6)));
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(text) + 6, th = fm.getHeight();
        int ty = Math.max(0, y - th);
        g.setColor(color);
        g.fillRect(x, ty, tw, th);
        g.setColor(Color.WHITE);
        g.drawString(text, x + 3, ty + fm.getAscent());
    }
}
