package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: {@code None} read as "as many as possible", the way
 * {@code ProcessPoolExecutor(max_workers=None)} reads it. BROKEN: in joblib, {@code n_jobs=None}
 * means 1 (unless a {@code parallel_backend} context says otherwise): a plain loop.
 */
public class Workers {

    public static int effective(Integer nJobs, int cpus) {
        int n = nJobs == null ? -1 : nJobs;
        if (n == 0) {
            throw new IllegalArgumentException("nJobs == 0: zero workers cannot run anything");
        }
        return n > 0 ? n : Math.max(cpus + 1 + n, 1);
    }
}
