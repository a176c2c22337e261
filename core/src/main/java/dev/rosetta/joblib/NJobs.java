package dev.rosetta.joblib;

/**
 * joblib's rules for {@code n_jobs}: how many workers a {@code Parallel} really uses.
 *
 * <table>
 *   <caption>n_jobs, as joblib 1.2–1.4 reads it</caption>
 *   <tr><th>n_jobs</th><th>workers</th></tr>
 *   <tr><td>{@code null} (Python's {@code None})</td><td>1: a plain loop in the caller</td></tr>
 *   <tr><td>1</td><td>1: a plain loop in the caller, no worker at all</td></tr>
 *   <tr><td>n &gt; 1</td><td>n (more than the CPUs is allowed: threads waiting on I/O)</td></tr>
 *   <tr><td>-1</td><td>every CPU</td></tr>
 *   <tr><td>n &lt; -1</td><td>{@code cpus + 1 + n}, at least 1: -2 is all CPUs but one</td></tr>
 *   <tr><td>0</td><td>an error: zero workers cannot run anything</td></tr>
 * </table>
 *
 * <p>Thread-safety: stateless.
 */
public final class NJobs {
    private NJobs() {
    }

    /** The number of workers {@code nJobs} means on this machine ({@code availableProcessors()} CPUs). */
    public static int effective(Integer nJobs) {
        return effective(nJobs, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The number of workers {@code nJobs} means on a machine with {@code cpus} CPUs.
     *
     * @throws IllegalArgumentException for {@code nJobs == 0}, naming the value and the rule
     */
    public static int effective(Integer nJobs, int cpus) {
        if (nJobs == null) {
            return 1;
        }
        if (nJobs == 0) {
            throw new IllegalArgumentException("nJobs == 0 has no meaning: zero workers cannot run anything."
                    + " Use a positive count, -1 for every CPU (" + cpus + " here), -2 for all but one, or 1 for a plain loop");
        }
        return nJobs > 0 ? nJobs : Math.max(cpus + 1 + nJobs, 1);
    }
}
