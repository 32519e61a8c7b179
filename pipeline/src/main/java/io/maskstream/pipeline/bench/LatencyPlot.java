package io.maskstream.pipeline.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The latency of every frame over time, one panel per delivery mode: a dot per frame and stage, checkpoints as
 * grey bands from trigger to completion (the commit), GC pauses of the job's JVM (red) and the broker's (purple)
 * as bars along the bottom, all on one time axis.
 */
final class LatencyPlot {
    private static final int WIDTH = 1100;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 60, RIGHT = 20, TOP = 28, BOTTOM = 40;
    private static final Color[] STAGE_COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44)};
    private static final Color CHECKPOINT = new Color(0, 0, 0, 28);
    private static final Color COMMIT = new Color(0, 0, 0, 90);
    private static final Color JOB_GC = new Color(214, 39, 40);
    private static final Color BROKER_GC = new Color(148, 103, 189);

    private LatencyPlot() {}

    static void write(List<LatencyRun> runs, String title, Path png) throws IOException {
        // Up to the highest p99 and a quarter: what lies above (a start-up backlog, a stall) is drawn on the top edge.
        double yMax = 0, xMax = 0;
        for (LatencyRun r : runs) {
            for (LatencyRun.Stage stage : LatencyRun.Stage.values()) {
                yMax = Math.max(yMax, 1.25 * r.distribution(stage).p99());
                for (int[] sf : r.frames(stage)) {
                    xMax = Math.max(xMax, (r.at(stage)[sf[0]][sf[1]] - r.startNanos()) / 1e9);
                }
            }
        }
        yMax = niceCeiling(yMax);
        xMax = Math.ceil(xMax);
        BufferedImage img = new BufferedImage(WIDTH, PANEL_HEIGHT * runs.size() + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 16);
        for (int i = 0; i < runs.size(); i++) {
            panel(g, runs.get(i), 24 + i * PANEL_HEIGHT, xMax, yMax);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void panel(Graphics2D g, LatencyRun r, int y0, double xMax, double yMax) {
        int plotW = WIDTH - LEFT - RIGHT, plotH = PANEL_HEIGHT - TOP - BOTTOM;
        int top = y0 + TOP, bottom = top + plotH;
        long start = r.startNanos();
        java.util.function.DoubleUnaryOperator x = s -> LEFT + s / xMax * plotW;
        java.util.function.DoubleUnaryOperator y = ms -> bottom - Math.min(ms, yMax) / yMax * plotH;
        for (LatencyRun.Checkpoint c : r.checkpoints()) {
            int a = Math.max(LEFT, (int) x.applyAsDouble((c.triggerNanos() - start) / 1e9));
            int b = (int) x.applyAsDouble((c.completeNanos() - start) / 1e9);
            if (b < LEFT) {
                continue;
            }
            g.setColor(CHECKPOINT);
            g.fillRect(a, top, Math.max(1, b - a), plotH);
            if (c.completed()) {
                g.setColor(COMMIT);
                g.drawLine(b, top, b, bottom);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1));
        for (double ms = 0; ms <= yMax; ms += yMax / 5) {
            int yy = (int) y.applyAsDouble(ms);
            g.drawLine(LEFT, yy, LEFT + plotW, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", ms), 8, yy + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        LatencyRun.Stage[] stages = LatencyRun.Stage.values();
        for (int k = stages.length - 1; k >= 0; k--) {
            g.setColor(STAGE_COLOURS[k]);
            for (int[] sf : r.frames(stages[k])) {
                // at the time the frame reached the stage, beside the checkpoints and pauses it met on its way
                double t = (r.at(stages[k])[sf[0]][sf[1]] - start) / 1e9;
                int px = (int) x.applyAsDouble(t), py = (int) y.applyAsDouble(r.millis(stages[k], sf[0], sf[1]));
                g.fillOval(px - 2, py - 2, 4, 4);
            }
        }
        gcBars(g, r.jobGc(), start, x, bottom - 8, JOB_GC);
        gcBars(g, r.brokerGc(), start, x, bottom - 4, BROKER_GC);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, plotW, plotH);
        for (int s = 0; s <= xMax; s += xMax > 60 ? 10 : 5) {
            int xx = (int) x.applyAsDouble(s);
            g.drawLine(xx, bottom, xx, bottom + 4);
            g.drawString(s + " s", xx - 8, bottom + 16);
        }
        g.drawString(String.format(Locale.ROOT, "%s, paced at %.1f frames/s: latency - confirmation delay (ms) of each "
                + "frame at each stage, at the time it reached the stage (s)", r.mode(), r.pacedFps()), LEFT, y0 + 18);
        int lx = LEFT;
        int ly = bottom + 32;
        for (int k = 0; k < stages.length; k++) {
            lx = legend(g, lx, ly, STAGE_COLOURS[k], stages[k].label);
        }
        lx = legend(g, lx, ly, new Color(0, 0, 0, 60), "checkpoint (line: commit)");
        lx = legend(g, lx, ly, JOB_GC, "GC, job");
        legend(g, lx, ly, BROKER_GC, "GC, broker");
    }

    private static void gcBars(Graphics2D g, List<GcPauses.Pause> pauses, long start,
                               java.util.function.DoubleUnaryOperator x, int y, Color colour) {
        g.setColor(colour);
        for (GcPauses.Pause p : pauses) {
            int a = (int) x.applyAsDouble((p.startNanos() - start) / 1e9);
            int b = (int) x.applyAsDouble((p.startNanos() + p.durationNanos() - start) / 1e9);
            if (a < LEFT) {
                continue;
            }
            g.fillRect(a, y, Math.max(2, b - a), 4);
        }
    }

    private static int legend(Graphics2D g, int x, int y, Color colour, String label) {
        g.setColor(colour);
        g.fillRect(x, y - 9, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(label, x + 14, y);
        return x + 24 + g.getFontMetrics().stringWidth(label);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0 || Double.isNaN(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
