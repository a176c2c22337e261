package dev.rosetta.tour;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The report's charts, drawn by XChart and written as PNG images. A chart is a grid of small
 * panels, one per figure, each with
 * its own unit: a bar for the figure measured here, one for real Python's where the row gives a
 * number, one for the ideal of a speed-up, and one for the goal's bound where it has one.
 *
 * <ul>
 *   <li>{@link #speedups}: the figures that have an {@linkplain Figure#ideal() ideal};</li>
 *   <li>{@link #others}: every other figure that is a number (times, costs, rates, counts).</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; each call draws its own charts.
 */
final class Charts {
    /** The bar colours: ours blue, Python's orange, the ideal grey, the goal green (Tableau's palette). */
    static final Color MEASURED = new Color(0x4e79a7);
    static final Color PYTHON = new Color(0xf28e2b);
    static final Color IDEAL = new Color(0xbab0ac);
    static final Color GOAL = new Color(0x59a14f);
    static final String MEASURED_SERIES = "measured here";
    static final String PYTHON_SERIES = "real Python";
    static final String IDEAL_SERIES = "ideal";
    static final String GOAL_SERIES = "goal's bound";

    static final int PANEL_WIDTH = 310;
    static final int PANEL_HEIGHT = 220;
    static final int COLUMNS = 3;
    /** Pixels per point: the image is drawn at twice its size, for sharp text. */
    static final int SCALE = 2;

    private Charts() {
    }

    /** The readings that are speed-ups: a number, with an ideal to hold it against. */
    static List<Reading> speedups(List<Reading> readings) {
        return readings.stream().filter(r -> r.value() instanceof Number && r.figure().ideal() != null).toList();
    }

    /** The readings that are other numbers: times, costs, rates, counts (not yes/no). */
    static List<Reading> others(List<Reading> readings) {
        return readings.stream().filter(r -> r.value() instanceof Number && r.figure().ideal() == null).toList();
    }

    /**
     * The panels of {@code readings} drawn side by side, {@value #COLUMNS} to a line, as one PNG
     * image drawn at twice its size, so it stays sharp on a high-density screen.
     */
    static byte[] png(List<Reading> readings, Map<String, Object> metrics) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one figure");
        }
        int lines = (readings.size() + COLUMNS - 1) / COLUMNS;
        int width = width(readings);
        int height = PANEL_HEIGHT * lines;
        var image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(SCALE, SCALE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < readings.size(); i++) {
            var panel = (Graphics2D) g.create((i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * PANEL_HEIGHT,
                    PANEL_WIDTH, PANEL_HEIGHT);
            panel(readings.get(i), metrics).paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
            panel.dispose();
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** The width of {@code readings}' chart on the page, in CSS pixels (its image has {@value #SCALE} times as many). */
    static int width(List<Reading> readings) {
        return PANEL_WIDTH * Math.min(COLUMNS, readings.size());
    }

    /** One figure's panel: measured, real Python's, the ideal, the goal's bound; each bar labelled with its value. */
    static CategoryChart panel(Reading reading, Map<String, Object> metrics) {
        Figure figure = reading.figure();
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(figure.key()).xAxisTitle(direction(figure.goal())).yAxisTitle(figure.unit()).build();
        var style = chart.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setPlotBorderVisible(false);
        style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        style.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        style.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        style.setLegendVisible(false);     // the page gives the colours once, above the panels
        style.setXAxisTicksVisible(false);
        style.setYAxisMin(0.0);
        style.setYAxisDecimalPattern("#,##0.###");     // 378,762 rather than 3.78762E5, on the axis and the bars
        style.setLabelsVisible(true);
        style.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        style.setLabelsPosition(0.98);
        style.setChartPadding(8);
        List<String> category = List.of(figure.key());
        double highest = 0;
        highest = bar(chart, MEASURED_SERIES, MEASURED, category, Optional.of(((Number) reading.value()).doubleValue()), highest);
        highest = bar(chart, PYTHON_SERIES, PYTHON, category, figure.pythonValue(), highest);
        highest = bar(chart, IDEAL_SERIES, IDEAL, category, Optional.ofNullable(figure.ideal()), highest);
        highest = bar(chart, GOAL_SERIES, GOAL, category, bound(figure.goal(), metrics), highest);
        style.setYAxisMax(highest > 0 ? highest * 1.12 : 1.0);     // room above the tallest bar; 1 when all are 0
        return chart;
    }

    /** Adds a bar when there is a value; the highest bar so far. */
    private static double bar(CategoryChart chart, String name, Color colour, List<String> category,
            Optional<Double> value, double highest) {
        value.ifPresent(v -> chart.addSeries(name, category, List.of(v)).setFillColor(colour));
        return Math.max(highest, value.orElse(0.0));
    }

    /** The number a goal compares with, where it is one bound: {@code ≤ 5} gives 5, {@code > echo_rps_threads} that figure. */
    static Optional<Double> bound(Goal goal, Map<String, Object> metrics) {
        return switch (goal) {
            case Goal.Compare c -> Optional.of(c.limit());
            case Goal.AboveFigure a -> metrics.get(a.key()) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** What good looks like for a figure, under its panel: "goal ≤ 5: lower is better". */
    static String direction(Goal goal) {
        return switch (goal) {
            case Goal.Compare c when c.op().equals("≤") || c.op().equals("<") -> "goal " + goal.text() + ": lower is better";
            case Goal.Compare c -> "goal " + goal.text() + ": higher is better";
            case Goal.AboveFigure a -> "goal: above " + a.key();
            case Goal.Between b -> "goal: between " + goal.text();
            case Goal.Baseline b -> "no goal: a yardstick";
            default -> "goal: " + goal.text();
        };
    }
}
