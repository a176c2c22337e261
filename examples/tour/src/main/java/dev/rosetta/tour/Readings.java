package dev.rosetta.tour;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a row's experiment hands back, figure by figure, as it measures: each experiment is
 * announced before it runs (for the progress line), and each figure recorded with its spread.
 *
 * <pre>
 * readings.median(IO_SPEEDUP, 2, 1, 3, () -> Experiments.ioBound(20, block).speedup());
 * readings.put(CRASH_SURVIVED, crashSurvived());
 * </pre>
 *
 * <p>Thread-safety: not thread-safe; one row's experiment uses it from one thread.
 */
public final class Readings {
    private final boolean quick;
    private final Consumer<String> announce;
    private final List<Reading> readings = new ArrayList<>();

    /**
     * @param quick    whether the tour runs short experiments ({@code --quick})
     * @param announce told the name of each experiment as it starts
     */
    public Readings(boolean quick, Consumer<String> announce) {
        this.quick = quick;
        this.announce = announce;
    }

    /** Whether to run short experiments with rough figures ({@code --quick}). */
    public boolean quick() {
        return quick;
    }

    /** Says that an experiment starts (the progress line shows it). */
    public void begin(String experiment) {
        announce.accept(experiment);
    }

    /**
     * Measures {@code figure}: {@code warmups} unrecorded runs, then the median of {@code runs},
     * rounded to {@code digits} decimals; the median.
     */
    public double median(Figure figure, int digits, int warmups, int runs, Measure.Run run) throws Exception {
        begin(figure.key());
        Measure.Sample sample = Measure.sample(warmups, runs, run).rounded(digits);
        readings.add(new Reading(figure, sample.median(), sample));
        return sample.median();
    }

    /** Like {@link #median} for a count: the median rounded to a whole number. */
    public long count(Figure figure, int warmups, int runs, Measure.Run run) throws Exception {
        begin(figure.key());
        Measure.Sample sample = Measure.sample(warmups, runs, run).rounded(0);
        long median = Math.round(sample.median());
        readings.add(new Reading(figure, median, sample));
        return median;
    }

    /** Records a figure measured once (a count, a yes/no, a single rate). */
    public void put(Figure figure, Object value) {
        readings.add(new Reading(figure, value, null));
    }

    /** Records a figure that is the median of {@code sample}'s runs, measured elsewhere (a child JVM). */
    public void put(Figure figure, Measure.Sample sample) {
        readings.add(new Reading(figure, sample.median(), sample));
    }

    /** The figures in the order measured. */
    public List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** The figures by key, as the JSON's {@code metrics} has them. */
    public Map<String, Object> metrics() {
        var metrics = new LinkedHashMap<String, Object>();
        readings.forEach(r -> metrics.put(r.figure().key(), r.value()));
        return metrics;
    }
}
