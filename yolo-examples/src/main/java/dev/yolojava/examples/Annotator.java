package dev.yolojava.examples;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.Detection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Draws detections (box, label, score) on a copy of an image. */
final class Annotator {
    private static final Color[] PALETTE = {
        new Color(0xFF3838), new Color(0xFF9D97), new Color(0xFF701F), new Color(0xFFB21D), new Color(0xCFD231),
        new Color(0x48F90A), new Color(0x92CC17), new Color(0x3DDB86), new Color(0x1A9334), new Color(0x00D4BB),
        new Color(0x2C99A8), new Color(0x00C2FF), new Color(0x344593), new Color(0x6473FF), new Color(0x0018EC),
        new Color(0x8438FF), new Color(0x520085), new Color(0xCB38FF), new Color(0xFF95C8), new Color(0xFF37C7)};

    private Annotator() {
    }

    static BufferedImage draw(BufferedImage src, List<Detection> detections) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int thick = Math.max(2, Math.round(Math.max(src.getWidth(), src.getHeight()) / 320f));
            g.setStroke(new BasicStroke(thick));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, thick * 6)));
            FontMetrics fm = g.getFontMetrics();
            for (Detection d : detections) {
                Color c = PALETTE[d.classId() % PALETTE.length];
                BoundingBox b = d.box();
                g.setColor(c);
                g.drawRect(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.width()), Math.round(b.height()));
                String text = String.format(Locale.ROOT, "%s %.2f", d.label(), d.score());
                int tw = fm.stringWidth(text) + 6, th = fm.getHeight();
                int tx = Math.round(b.x1()), ty = Math.max(0, Math.round(b.y1()) - th);
                g.fillRect(tx, ty, tw, th);
                g.setColor(Color.WHITE);
                g.drawString(text, tx + 3, ty + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
