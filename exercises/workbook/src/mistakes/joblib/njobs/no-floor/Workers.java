package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: {@code cpus + 1 + nJobs} with no floor. BROKEN: -8 on a 4-CPU machine gives
 * -3 workers, and the pool that is built from it fails far from here; joblib never goes below 1.
 */
public class Workers {

    public static int effective(Integer nJobs, int cpus) {
        if (nJobs == null) {
            return 1;
        }
        if (nJobs == 0) {
            throw new IllegalArgumentException("nJobs == 0: zero workers cannot run anything");
        }
        return nJobs > 0 ? nJobs : cpus + 1 + nJobs;
    }
}
