package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: a negative count read as "cpus + nJobs". BROKEN: -1 then means cpus - 1 and
 * -2 means cpus - 2, one worker short of joblib's rule (cpus + 1 + nJobs: -1 is every CPU).
 */
public class Workers {

    public static int effective(Integer nJobs, int cpus) {
        if (nJobs == null) {
            return 1;
        }
        if (nJobs == 0) {
            throw new IllegalArgumentException("nJobs == 0: zero workers cannot run anything");
        }
        return nJobs > 0 ? nJobs : Math.max(cpus + nJobs, 1);
    }
}
