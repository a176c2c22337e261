package dev.rosetta.tour;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One figure the tour measures, described once where its row declares it: its JSON key, its
 * unit, what it means in one line, the goal that says whether the claim holds, and the Python
 * figure it is compared with.
 *
 * <pre>
 * static final Figure IO_SPEEDUP = new Figure("io_speedup", "×",
 *         "20 threads each blocking 100 ms ÷ the same in sequence", Goal.atLeast(18), "19.5");
 * </pre>
 *
 * @param key     the name in the JSON's {@code metrics} and the docs ({@code cpu_speedup_gil})
 * @param unit    what the number counts: {@code ×} (a ratio), {@code ms}, {@code µs/task}, ...
 * @param meaning one line: the workload and what is divided by what
 * @param goal    what it should be for the row's claim to hold
 * @param python  CPython 3.11's figure for the same workload, or {@code —} with why there is none
 * @param ideal   for a speed-up, the most it could be (2 for two workers on two cores); null otherwise
 *
 * <p>Thread-safety: immutable.
 */
public record Figure(String key, String unit, String meaning, Goal goal, String python, Double ideal) {
    /** A number at the start of {@link #python}, alone or as a range ({@code 17–19}), before any words. */
    private static final Pattern PYTHON_NUMBER = Pattern.compile(
            "^(\\d[\\d,]*(?:\\.\\d+)?)(?:–(\\d[\\d,]*(?:\\.\\d+)?))?(?=$|\\s)");

    /** A figure that is not a speed-up (no ideal). */
    public Figure(String key, String unit, String meaning, Goal goal, String python) {
        this(key, unit, meaning, goal, python, null);
    }

    /** The same figure with another goal (when the goal depends on the run, e.g. the connections asked for). */
    public Figure withGoal(Goal other) {
        return new Figure(key, unit, meaning, other, python, ideal);
    }

    /** The same figure as a speed-up whose ideal is {@code most} (the workers it runs on, at most the cores). */
    public Figure withIdeal(double most) {
        return new Figure(key, unit, meaning, goal, python, most);
    }

    /**
     * Python's figure as a number, for a chart: {@code 0.95} from "0.95", {@code 81} from
     * "81 (spawn), 20 (fork)", the middle of a range; empty when {@link #python} has no number
     * in the figure's unit ("—", "34% of 2,000,000", "true").
     */
    public Optional<Double> pythonValue() {
        Matcher m = PYTHON_NUMBER.matcher(python.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        double low = Double.parseDouble(m.group(1).replace(",", ""));
        return Optional.of(m.group(2) == null ? low : (low + Double.parseDouble(m.group(2).replace(",", ""))) / 2);
    }
}
