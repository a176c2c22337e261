package dev.rosetta.exercises.joblib;

/**
 * Exercise {@code joblib/njobs}: how many workers {@code Parallel(n_jobs=...)} really uses.
 *
 * <pre>
 * Parallel(n_jobs=None)   # 1: a plain loop in the caller
 * Parallel(n_jobs=4)      # 4, even on a 2-CPU machine (threads waiting on I/O)
 * Parallel(n_jobs=-1)     # every CPU
 * Parallel(n_jobs=-2)     # every CPU but one: cpus + 1 + n_jobs
 * Parallel(n_jobs=0)      # ValueError: zero workers cannot run anything
 * </pre>
 *
 * <p>{@link #effective} returns the number of workers {@code nJobs} means on a machine with
 * {@code cpus} CPUs, by joblib's rules: {@code null} (Python's {@code None}) is 1; a positive
 * count is itself; a negative one is {@code cpus + 1 + nJobs}, but never fewer than 1; 0 is an
 * {@link IllegalArgumentException} whose message names the value and says what to use instead.
 *
 * <p>Chapter: docs/joblib.md. Hints: {@code ./rosetta learn hint joblib/njobs}.
 */
public class Workers {

    /** The number of workers {@code nJobs} means on a machine with {@code cpus} CPUs. */
    public static int effective(Integer nJobs, int cpus) {
        // TODO None, positive, negative (cpus + 1 + nJobs, at least 1), and 0 is an error
        throw new UnsupportedOperationException("TODO: Workers.effective is not written yet");
    }
}
