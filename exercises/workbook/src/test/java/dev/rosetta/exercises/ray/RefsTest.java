package dev.rosetta.exercises.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code ray/get-wait}. The refs are futures the test completes itself, in the order
 * it chooses; {@code map}'s tasks wait in a {@link HeldPool} until the test runs them, so "the
 * driver waits while only one task has been submitted" is seen, not guessed from a clock. The
 * contract, one property per test:
 * <ul>
 *   <li>{@code get}: values in the order of the refs, whatever order they became ready in.</li>
 *   <li>{@code get}: past the timeout, a {@code GetTimeoutError}, never a partial list; 0 does not wait.</li>
 *   <li>{@code get}: a failed ref's error is thrown as it is.</li>
 *   <li>{@code wait}: at most {@code numReturns} ready, the rest not ready, both in the order given.</li>
 *   <li>{@code wait}: returns at once when {@code numReturns} are already ready.</li>
 *   <li>{@code wait}: at the timeout, what is ready so far, no error; a bad {@code numReturns} is refused.</li>
 *   <li>{@code map}: every task submitted before the first wait; results in the order of the items.</li>
 * </ul>
 */
@TimeLimit(seconds = 30)
class RefsTest {
    private final HeldPool pool = new HeldPool();
    private final MiniCluster cluster = new MiniCluster(pool);
    private final List<Driver<?>> drivers = new ArrayList<>();
    private final Pending<String> pending = new Pending<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        pending.completeAll("late");
        for (Driver<?> driver : drivers) {
            driver.finish();
        }
        pool.close();
    }

    /** {@code n} refs, named r0, r1 ..., none ready; {@link #ready} makes one ready. */
    private List<ObjectRef<String>> refs(int n) {
        return pending.refs("r", n);
    }

    private void ready(int... indexes) {
        for (int i : indexes) {
            pending.value(i).complete("v" + i);
        }
    }

    private <T> Driver<T> driver(Callable<T> call) {
        var driver = Driver.start(call);
        drivers.add(driver);
        return driver;
    }

    /** {@code Refs.wait(refs, numReturns, LONG)} when enough refs are ready: it must return without parking. */
    private WaitResult<String> waitWithoutWaiting(List<ObjectRef<String>> refs, int numReturns, String scenario)
            throws InterruptedException {
        var driver = driver(() -> Refs.wait(refs, numReturns, TimeLimits.LONG));
        if (driver.parks()) {
            fail(scenario + " and numReturns=" + numReturns + ", and wait(refs, " + numReturns + ") waited: it already"
                    + " had what was asked for. Return as soon as numReturns refs are ready, not when all of them are");
        }
        return driver.result("wait(refs, " + numReturns + ")");
    }

    @Test
    @DisplayName("get: the values in the order of the refs")
    void getKeepsTheOrderOfTheRefs() throws Exception {
        var refs = refs(3);
        var driver = driver(() -> Refs.get(refs, TimeLimits.LONG));
        if (!driver.parks()) {
            fail("get(refs, timeout=" + TimeLimits.LONG.toSeconds() + " s) with no ref ready did not wait: it "
                    + (driver.failure() == null ? "returned " + driver.result("get") : "threw " + driver.failure())
                    + " at once. It must wait for the refs until the timeout");
        }
        ready(2);
        ready(1);
        ready(0);
        assertEquals(List.of("v0", "v1", "v2"), driver.result("get(refs)"), "r2, r1 and r0 became ready in that"
                + " order: get must still hand back the values in the order of the refs, like ray.get");
    }

    @Test
    @DisplayName("get: past the timeout, GetTimeoutError, never a partial list")
    void getTimesOut() {
        var refs = refs(2);
        ready(0);
        List<String> got = null;
        try {
            got = Refs.get(refs, TimeLimits.SHORT);
        } catch (GetTimeoutError expected) {
            assertTrue(expected.getMessage().contains("1 of 2"), "the GetTimeoutError should say how many refs were"
                    + " ready (1 of 2): " + expected.getMessage());
            return;
        }
        fail("r1 never became ready, and get(refs, timeout) returned " + got + ": past the timeout, raise"
                + " GetTimeoutError (a partial list with a null in it looks like an answer and is not one)");
    }

    @Test
    @DisplayName("get: a timeout of 0 looks once")
    void getWithZeroTimeout() {
        var refs = refs(2);
        ready(0, 1);
        assertEquals(List.of("v0", "v1"), Refs.get(refs, Duration.ZERO), "both refs were ready: timeout=0 must"
                + " hand back their values");
        var notReady = refs(1);
        assertThrows(GetTimeoutError.class, () -> Refs.get(notReady, Duration.ZERO), "a ref not ready and"
                + " timeout=0: GetTimeoutError at once");
    }

    @Test
    @DisplayName("get: a failed ref's error is thrown as it is")
    void getThrowsTheTasksError() {
        var refs = refs(2);
        ready(0);
        var error = new RayTaskError("r1", new IllegalArgumentException("bad input"));
        pending.value(1).completeExceptionally(error);
        var thrown = assertThrows(RuntimeException.class, () -> Refs.get(refs, TimeLimits.LONG),
                "r1's task failed: get must raise its error");
        assertSame(error, thrown, "r1's task failed with " + error + ": get must raise that error itself, not "
                + thrown);
    }

    @Test
    @DisplayName("wait: at most numReturns ready, both lists in the order given")
    void waitReturnsAtMostNumReturnsInOrder() throws InterruptedException {
        var refs = refs(4);
        ready(3, 0, 2);
        WaitResult<String> result = waitWithoutWaiting(refs, 2, "r0, r2 and r3 were ready");
        assertEquals(List.of(refs.get(0), refs.get(2)), result.ready(), "r0, r2 and r3 were ready and"
                + " numReturns=2: ready must hold at most numReturns refs (the first ready ones, in the order given),"
                + " the others go to notReady, as ray.wait does");
        assertEquals(List.of(refs.get(1), refs.get(3)), result.notReady(), "notReady must hold every other ref, in"
                + " the order given");
    }

    @Test
    @DisplayName("wait: ready in the order the refs were given, not the order they became ready")
    void waitKeepsTheOrderGiven() throws Exception {
        var refs = refs(3);
        var driver = driver(() -> Refs.wait(refs, 3, TimeLimits.LONG));
        if (!driver.parks()) {
            fail("wait(refs, 3) with no ref ready returned " + driver.result("wait") + " at once: it must wait until"
                    + " 3 are ready");
        }
        ready(2);
        ready(0);
        ready(1);
        WaitResult<String> result = driver.result("wait(refs, 3)");
        assertEquals(List.of(refs.get(0), refs.get(1), refs.get(2)), result.ready(), "r2 became ready, then r0, then"
                + " r1: ready must list them in the order the refs were given (r0, r1, r2), not the order they became"
                + " ready in");
        assertEquals(List.of(), result.notReady(), "all 3 were ready: notReady must be empty");
    }

    @Test
    @DisplayName("wait: returns at once when numReturns refs are already ready")
    void waitDoesNotWaitForMoreThanAsked() throws Exception {
        var refs = refs(2);
        ready(0);
        WaitResult<String> result = waitWithoutWaiting(refs, 1, "r0 was ready");
        assertEquals(List.of(refs.get(0)), result.ready(), "r0 was ready: ready must be [r0]");
        assertEquals(List.of(refs.get(1)), result.notReady(), "r1 was not: notReady must be [r1]");
    }

    @Test
    @DisplayName("wait: at the timeout, what is ready so far, with no error")
    void waitTimesOutWithWhatIsReady() {
        var refs = refs(3);
        ready(1);
        WaitResult<String> result = Refs.wait(refs, 2, TimeLimits.SHORT);
        assertEquals(List.of(refs.get(1)), result.ready(), "only r1 became ready before the timeout: ready must be"
                + " [r1] (ray.wait raises nothing at its timeout)");
        assertEquals(List.of(refs.get(0), refs.get(2)), result.notReady(), "notReady: r0 and r2, in the order given");
    }

    @Test
    @DisplayName("wait: numReturns outside 1..refs.size() is refused")
    void waitRefusesABadNumReturns() {
        var refs = refs(2);
        ready(0, 1);
        assertThrows(IllegalArgumentException.class, () -> Refs.wait(refs, 3, TimeLimits.SHORT),
                "numReturns=3 with 2 refs can never be met: refuse it (Ray raises ValueError)");
        assertThrows(IllegalArgumentException.class, () -> Refs.wait(refs, 0, TimeLimits.SHORT),
                "numReturns=0: refuse it (Ray raises ValueError)");
    }

    @Test
    @DisplayName("an interrupted get or wait throws, the interrupt flag set again")
    void interruptedCallerStaysInterrupted() throws Exception {
        var refs = refs(1);
        var get = driver(() -> interrupted(() -> Refs.get(refs, TimeLimits.LONG), "get"));
        var wait = driver(() -> interrupted(() -> Refs.wait(refs, 1, TimeLimits.LONG), "wait"));
        assertEquals("ok", get.result("get, interrupted"), "an interrupted get");
        assertEquals("ok", wait.result("wait, interrupted"), "an interrupted wait");
    }

    /** Calls {@code call} on an interrupted thread (its wait ends at once) and says how it went. */
    private static String interrupted(Callable<?> call, String name) {
        Thread.currentThread().interrupt();
        try {
            Object result = call.call();
            return name + " returned " + result + " to an interrupted caller, the ref not ready: it must throw";
        } catch (Exception e) {
            return Thread.currentThread().isInterrupted() ? "ok" : name + " threw " + e + ", but the caller's interrupt"
                    + " flag was cleared: set it again (Thread.currentThread().interrupt()) before throwing, so that"
                    + " its caller knows";
        }
    }

    @Test
    @DisplayName("map: every task submitted before the first wait, results in the order of the items")
    void mapSubmitsEverythingBeforeWaiting() throws Exception {
        var driver = driver(() -> Refs.map(cluster, (Integer x) -> x * 10, List.of(1, 2, 3, 4)));
        if (!driver.parks()) {
            List<Integer> got = driver.result("map"); // throws what map threw
            fail("map returned " + got + " without ever waiting for a worker, having submitted " + cluster.submitted()
                    + " of 4 tasks (which the test had not run): did f run on the driver instead of with"
                    + " cluster.remote?");
        }
        if (cluster.submitted() < 4) {
            fail("map waited for a result having submitted only " + cluster.submitted() + " of 4 tasks: that is"
                    + " ray.get inside the loop. The answer comes out right, but each task starts only when the one"
                    + " before has finished: one worker busy, the others idle, no overlap. Submit every task first"
                    + " ([f.remote(x) for x in xs]), then get them all");
        }
        pool.drain(true);
        assertEquals(List.of(10, 20, 30, 40), driver.result("map"), "the tasks ran newest first: map must still"
                + " hand back the results in the order of the items");
    }
}
