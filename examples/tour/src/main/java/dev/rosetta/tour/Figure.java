package dev.rosetta.tour;

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
 *
 * <p>Thread-safety: immutable.
 */
public record Figure(String key, String unit, String meaning, Goal goal, String python) {

    /** The same figure with another goal (when the goal depends on the run, e.g. the connections asked for). */
    public Figure withGoal(Goal other) {
        return new Figure(key, unit, meaning, other, python);
    }
}
