package dev.rosetta.joblib;

/**
 * Where a {@link Parallel} runs its batches: joblib's {@code backend=}.
 */
public enum Backend {
    /**
     * {@code "loky"}, joblib's default: worker processes (real JVMs, through
     * {@link dev.rosetta.futures.ProcessPoolExecutor}), reused for every call of the same
     * {@code Parallel}. True parallelism for CPU-bound work; every task and result must pickle.
     */
    LOKY,
    /**
     * {@code "threading"}: threads of this JVM. Cheap to start, shares memory, nothing needs to
     * pickle; in Python the GIL makes it useful only for I/O or code that releases the GIL.
     */
    THREADING,
    /** {@code "sequential"}: a plain loop in the caller's thread, one task after another. */
    SEQUENTIAL
}
