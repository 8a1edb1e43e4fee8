package io.stereotype.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Renders the report's charts with JFreeChart, at twice their display size so they stay sharp on high-density screens. */
final class ReportCharts {

    static final int WIDTH = 560;
    static final int HEIGHT = 380;
    private static final int PIXEL_DENSITY = 2;
    static final Color NORMAL = new Color(0x2b6cb0);
    static final Color ANOMALOUS = new Color(0xc53030);
    private static final Color INK = new Color(0x1a202c);
    private static final Color MUTED = new Color(0x718096);
    private static final Color GRID = new Color(0xe2e8f0);
    private static final String FONT = "DejaVu Sans";
    private static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private ReportCharts() {
    }

    static BufferedImage roc(RocCurve curve, double auroc) {
        XYSeries roc = new XYSeries(String.format(Locale.ROOT, "detector (AUROC %.4f)", auroc), false, true);
        for (int i = 0; i < curve.falsePositiveRates().length; i++) {
            roc.add(curve.falsePositiveRates()[i], curve.truePositiveRates()[i]);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(roc);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart("ROC curve (image level)", "false positive rate",
                "true positive rate", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ANOMALOUS);
        renderer.setSeriesStroke(0, new BasicStroke(2.2f));
        renderer.setSeriesPaint(1, MUTED);
        renderer.setSeriesStroke(1, DASHED);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        return render(style(chart));
    }

    /** Score distributions as fractions of each class (classes are often very unbalanced), with both thresholds. */
    static BufferedImage histogram(double[] normal, double[] anomalous, double modelThreshold, double f1Threshold) {
        double min = Math.min(min(normal), min(anomalous));
        double max = Math.max(max(normal), max(anomalous));
        if (!(max > min)) {
            min -= 0.5;
            max += 0.5;
        }
        int bins = (int) Math.clamp(Math.round(Math.sqrt(normal.length + anomalous.length) * 1.5), 10, 50);
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.RELATIVE_FREQUENCY);
        data.addSeries("normal (" + normal.length + ")", normal, bins, min, max);
        data.addSeries("anomalous (" + anomalous.length + ")", anomalous, bins, min, max);
        JFreeChart chart = ChartFactory.createHistogram("Score distribution", "anomaly score", "fraction of the class's images",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, translucent(NORMAL));
        renderer.setSeriesPaint(1, translucent(ANOMALOUS));
        // labels right of their lines, one below the other, so that close thresholds stay readable
        plot.addDomainMarker(marker(modelThreshold, "model threshold", new BasicStroke(2f), INK, 4));
        plot.addDomainMarker(marker(f1Threshold, "F1-max threshold", DASHED, MUTED, 20));
        double low = Math.min(min, Math.min(modelThreshold, f1Threshold));
        double high = Math.max(max, Math.max(modelThreshold, f1Threshold));
        double pad = (high - low) * 0.04;
        ((NumberAxis) plot.getDomainAxis()).setRange(low - pad, high + pad);
        return render(style(chart));
    }

    private static ValueMarker marker(double value, String label, BasicStroke stroke, Color colour, int labelTop) {
        ValueMarker marker = new ValueMarker(value, colour, stroke);
        marker.setLabel(label);
        marker.setLabelFont(new Font(FONT, Font.BOLD, 11));
        marker.setLabelPaint(colour);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 210));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(labelTop, 4, 0, 0));
        return marker;
    }

    private static Color translucent(Color colour) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 150);
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(FONT, Font.BOLD, 15));
        chart.getTitle().setPaint(INK);
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.getTitle().setMargin(4, 8, 8, 4);
        LegendTitle legend = chart.getLegend();
        legend.setFrame(BlockBorder.NONE);
        legend.setItemFont(new Font(FONT, Font.PLAIN, 12));
        legend.setPosition(RectangleEdge.BOTTOM);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        for (var axis : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelFont(new Font(FONT, Font.PLAIN, 12));
            axis.setLabelPaint(MUTED);
            axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
            axis.setTickLabelPaint(MUTED);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarkPaint(GRID);
        }
        return chart;
    }

    private static BufferedImage render(JFreeChart chart) {
        BufferedImage image = new BufferedImage(WIDTH * PIXEL_DENSITY, HEIGHT * PIXEL_DENSITY, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PIXEL_DENSITY, PIXEL_DENSITY);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
