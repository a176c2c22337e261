package dev.rosetta.tour;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How busy the machine was at one moment: the load average and the other processes using the
 * CPU. The tour reads it before and after each row; figures taken beside other busy processes
 * measure the contention as much as the idea.
 *
 * @param average  the 1-minute load average (runnable threads, averaged), NaN when unknown
 * @param cores    the cores this JVM may use
 * @param others   processes that are not the tour or its children, busiest first
 *
 * <p>Thread-safety: immutable.
 */
public record Load(double average, int cores, List<Busy> others) {
    /** A load average above this many times the cores is "well above the cores". */
    static final double BUSY_LOAD_PER_CORE = 2.0;
    /** Another process using this share of one core or more competes for a core. */
    static final double BUSY_PROCESS_CORES = 0.5;

    /** Another process and the share of one core it used while the gauge watched. */
    public record Busy(long pid, String command, double cores) {
        String describe() {
            return String.format(Locale.ROOT, "%s (pid %d) %.0f%% of a core", command, pid, cores * 100);
        }

        Map<String, Object> json() {
            var json = new LinkedHashMap<String, Object>();
            json.put("pid", pid);
            json.put("command", command);
            json.put("cores", Measure.round(cores, 2));
            return json;
        }
    }

    public Load {
        others = List.copyOf(others);
    }

    /** A reading for a machine whose load cannot be read (not Linux): never called busy. */
    public static Load unknown(int cores) {
        return new Load(Double.NaN, cores, List.of());
    }

    /**
     * Why this reading makes figures unreliable: the load average when it is above twice the
     * cores, and each other process that used half a core or more. Empty when quiet enough.
     */
    public List<String> busyBecause() {
        var why = new ArrayList<String>();
        if (average > BUSY_LOAD_PER_CORE * cores) {
            why.add(String.format(Locale.ROOT, "load average %.1f on %d cores", average, cores));
        }
        others.stream().filter(b -> b.cores() >= BUSY_PROCESS_CORES)
                .forEach(b -> why.add(b.describe()));
        return why;
    }

    /** One line: {@code load 3.2 on 2 cores; also busy: javac (pid 12) 95% of a core, ...}. */
    public String describe() {
        String load = Double.isNaN(average) ? "load unknown" : String.format(Locale.ROOT, "load %.1f on %d cores", average, cores);
        if (others.isEmpty()) {
            return load + "; no other process busy";
        }
        return load + "; also busy: " + String.join(", ", others.stream().limit(3).map(Busy::describe).toList());
    }

    /** The reading for the JSON. */
    public Map<String, Object> json() {
        var json = new LinkedHashMap<String, Object>();
        json.put("load_average_1m", Double.isNaN(average) ? null : average);
        json.put("cores", cores);
        json.put("others", others.stream().map(Busy::json).toList());
        return json;
    }
}
