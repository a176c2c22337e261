package dev.rosetta.exercises.joblib;

/**
 * Reference solution of {@code joblib/njobs}: joblib's rules, in the order they are easiest to
 * read. A positive count is taken as it is; 0 is refused with a message naming the rule; a
 * negative count counts back from "every CPU" (-1), and never drops below one worker.
 */
public class Workers {

    public static int effective(Integer nJobs, int cpus) {
        if (nJobs == null) {
            return 1;
        }
        if (nJobs > 0) {
            return nJobs;
        }
        if (nJobs == 0) {
            throw new IllegalArgumentException("nJobs == 0 has no meaning: zero workers cannot run anything;"
                    + " use a positive count, -1 for every CPU, -2 for all but one, or 1 for a plain loop");
        }
        return Math.max(cpus + 1 + nJobs, 1);
    }
}
