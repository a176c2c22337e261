package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: {@code nJobs > 0 ? nJobs : cpus + 1 + nJobs} and nothing more. BROKEN: 0 falls
 * into the negative branch and silently means "every CPU" (cpus + 1 + 0), where joblib raises:
 * a typo'd configuration runs on the whole machine instead of being reported.
 */
public class Workers {

    public static int effective(Integer nJobs, int cpus) {
        if (nJobs == null) {
            return 1;
        }
        return nJobs > 0 ? nJobs : Math.max(cpus + 1 + nJobs, 1);
    }
}
