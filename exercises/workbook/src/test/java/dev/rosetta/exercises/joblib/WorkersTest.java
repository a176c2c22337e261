package dev.rosetta.exercises.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code joblib/njobs}. The contract, one property per test:
 * <ul>
 *   <li>{@code nJobs=None} (null) means one worker: a plain loop, whatever the CPUs.</li>
 *   <li>A positive {@code nJobs} is that many workers, even more than the CPUs.</li>
 *   <li>{@code nJobs=-1} means every CPU.</li>
 *   <li>{@code nJobs=-2} means every CPU but one; any {@code n < -1} means {@code cpus + 1 + n}.</li>
 *   <li>A negative {@code nJobs} never gives fewer than one worker.</li>
 *   <li>{@code nJobs=0} is an {@link IllegalArgumentException} whose message names the 0.</li>
 * </ul>
 */
@TimeLimit(seconds = 5)
class WorkersTest {

    @Test
    @DisplayName("nJobs=None means 1 worker")
    void noneMeansOne() {
        for (int cpus : new int[] {1, 4, 16}) {
            assertEquals(1, Workers.effective(null, cpus), "nJobs=None on " + cpus + " CPUs: joblib reads None as 1"
                    + " (a plain loop in the caller), not as 'every CPU' the way ProcessPoolExecutor(max_workers=None) does");
        }
    }

    @Test
    @DisplayName("a positive nJobs is that many workers, even more than the CPUs")
    void positiveIsItself() {
        assertEquals(1, Workers.effective(1, 8), "nJobs=1 on 8 CPUs");
        assertEquals(3, Workers.effective(3, 8), "nJobs=3 on 8 CPUs");
        assertEquals(32, Workers.effective(32, 2), "nJobs=32 on 2 CPUs: more workers than CPUs is allowed"
                + " (threads waiting on I/O); a positive count is taken as it is");
    }

    @Test
    @DisplayName("nJobs=-1 means every CPU")
    void minusOneIsEveryCpu() {
        for (int cpus : new int[] {1, 2, 8}) {
            assertEquals(cpus, Workers.effective(-1, cpus), "nJobs=-1 on " + cpus + " CPUs must mean every CPU");
        }
    }

    @Test
    @DisplayName("nJobs=-2 means every CPU but one (cpus + 1 + nJobs)")
    void belowMinusOneCountsBack() {
        assertEquals(7, Workers.effective(-2, 8), "nJobs=-2 on 8 CPUs must mean all but one: 8 + 1 + (-2) = 7");
        assertEquals(5, Workers.effective(-4, 8), "nJobs=-4 on 8 CPUs: 8 + 1 + (-4) = 5");
    }

    @Test
    @DisplayName("a negative nJobs never gives fewer than 1 worker")
    void neverBelowOne() {
        assertEquals(1, Workers.effective(-2, 1), "nJobs=-2 on 1 CPU: 1 + 1 - 2 = 0 workers would run nothing;"
                + " joblib keeps at least 1");
        assertEquals(1, Workers.effective(-8, 4), "nJobs=-8 on 4 CPUs: 4 + 1 - 8 = -3; never fewer than 1 worker");
    }

    @Test
    @DisplayName("nJobs=0 is an error naming the value")
    void zeroIsAnError() {
        int workers;
        try {
            workers = Workers.effective(0, 4);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || !e.getMessage().contains("0")) {
                fail("nJobs=0 was refused, but the message (" + e.getMessage() + ") does not name the value 0:"
                        + " say which value was wrong and what to use instead");
            }
            return;
        }
        fail("nJobs=0 was accepted (it gave " + workers + " workers on 4 CPUs): joblib raises a ValueError,"
                + " zero workers cannot run anything. Throw an IllegalArgumentException naming the 0.");
    }
}
