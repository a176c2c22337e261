package dev.rosetta.exercises.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code ray/retry-on-death}. Each test's task follows a script, one outcome per
 * attempt: its worker dies ({@code WorkerCrashedError}), it raises, or it returns. The attempts
 * wait in a {@link HeldPool} until the test runs them, so counting them is exact. The contract,
 * one property per test:
 * <ul>
 *   <li>{@code remote} returns at once, the first attempt submitted, nothing waited for.</li>
 *   <li>A worker's death is retried; the value of the attempt that returns is the result.</li>
 *   <li>At most {@code maxRetries + 1} attempts; then the last {@code WorkerCrashedError}.</li>
 *   <li>The task's own exception is not retried (what it did before raising is not done again).</li>
 *   <li>With {@code retryExceptions}, it is, from the same budget; at the end, the last attempt's own error.</li>
 * </ul>
 */
@TimeLimit(seconds = 30)
class RetryingTest {
    /** An attempt past this many means the retries never end: the script then returns, so the test ends. */
    private static final int RUNAWAY = 10;

    private final HeldPool pool = new HeldPool();
    private final MiniCluster cluster = new MiniCluster(pool);
    private final List<Driver<?>> drivers = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Driver<?> driver : drivers) {
            pool.drain(false);
            driver.finish();
        }
        pool.close();
    }

    enum Outcome { DIES, RAISES, RETURNS }

    /**
     * A task that, on attempt n, notes a side effect ("charged the card") and then does
     * {@code outcomes[n - 1]} (the last outcome again past the end).
     */
    static final class Script implements Callable<String> {
        private final Outcome[] outcomes;
        final List<String> ledger = new ArrayList<>(); // touched by one attempt at a time: the pool runs them in turn
        final List<Throwable> errors = new ArrayList<>();

        Script(Outcome... outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public String call() {
            int attempt = ledger.size() + 1;
            ledger.add("charged the card on attempt " + attempt);
            if (attempt > RUNAWAY) {
                return "attempt " + attempt;
            }
            RuntimeException error = switch (outcomes[Math.min(attempt, outcomes.length) - 1]) {
                case DIES -> new WorkerCrashedError("attempt " + attempt);
                case RAISES -> new IllegalStateException("the card was declined on attempt " + attempt);
                case RETURNS -> null;
            };
            if (error == null) {
                return "attempt " + attempt;
            }
            errors.add(error);
            throw error;
        }

        int attempts() {
            return ledger.size();
        }
    }

    /**
     * {@code Retrying.remote(...)}, called by a driver thread: it must return without waiting
     * (the test holds every attempt back), or the test fails at once instead of hanging.
     */
    private ObjectRef<String> remote(Script task, int maxRetries, boolean retryExceptions) throws InterruptedException {
        var driver = Driver.start(() -> Retrying.remote(cluster, task, maxRetries, retryExceptions));
        drivers.add(driver);
        if (driver.parks()) {
            fail("remote() waited for its attempt (which the test held back): it must return a ref at once and make"
                    + " any retry from the attempt's callback (whenComplete), never by waiting for the attempt");
        }
        return driver.result("Retrying.remote");
    }

    /** Runs every attempt (each attempt's failure may submit the next) and returns the result's error, or null. */
    private Throwable run(ObjectRef<String> result) throws InterruptedException {
        pool.drain(false);
        if (!result.isReady()) {
            fail("every attempt submitted has run, and the result's ref is still not ready: when an attempt fails, either"
                    + " submit another or fail the result with its error");
        }
        try {
            result.future().get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private void noRunaway(Script task, int maxRetries) {
        if (task.attempts() > RUNAWAY) {
            fail("the worker died on every attempt and the task ran " + task.attempts() + " times with maxRetries="
                    + maxRetries + ": the retries must end (at most maxRetries + 1 attempts), or a task that kills"
                    + " every worker it touches runs for ever");
        }
    }

    @Test
    @DisplayName("remote returns at once, its first attempt submitted")
    void remoteReturnsAtOnce() throws Exception {
        var task = new Script(Outcome.RETURNS);
        ObjectRef<String> result = remote(task, 3, false);
        assertEquals(1, pool.handedIn(), "remote() must submit the first attempt at once, and only that one");
        assertEquals(null, run(result), "the first attempt returned: no error");
        assertEquals("attempt 1", result.future().get(), "the result is the attempt's value");
    }

    @Test
    @DisplayName("a worker's death is retried; the attempt that returns gives the result")
    void retriedWhenTheWorkerDies() throws Exception {
        var task = new Script(Outcome.DIES, Outcome.DIES, Outcome.RETURNS);
        ObjectRef<String> result = remote(task, 3, false);
        Throwable error = run(result);
        if (error != null) {
            throw new AssertionError("the worker died under attempts 1 and 2, attempt 3 returned, maxRetries=3: the"
                    + " result must be attempt 3's value, not " + error, error);
        }
        assertEquals("attempt 3", result.future().get(), "attempt 3 returned: its value is the result");
        assertEquals(3, task.attempts(), "3 attempts, no more");
    }

    @Test
    @DisplayName("at most maxRetries + 1 attempts, then the last WorkerCrashedError")
    void endsAfterMaxRetries() throws Exception {
        for (int maxRetries : new int[] {3, 0}) {
            var task = new Script(Outcome.DIES);
            Throwable error = run(remote(task, maxRetries, false));
            noRunaway(task, maxRetries);
            assertEquals(maxRetries + 1, task.attempts(), "the worker died on every attempt, maxRetries=" + maxRetries
                    + ": max_retries=" + maxRetries + " means " + maxRetries + " retries after the first attempt, "
                    + (maxRetries + 1) + " attempts in all");
            assertSame(task.errors.getLast(), error, "every attempt died: the result must fail with the last"
                    + " attempt's WorkerCrashedError, itself");
        }
    }

    @Test
    @DisplayName("the task's own exception is not retried: what it did is not done again")
    void anExceptionIsNotRetried() throws Exception {
        var task = new Script(Outcome.RAISES, Outcome.RETURNS);
        Throwable error = run(remote(task, 3, false));
        if (task.attempts() > 1) {
            fail("the task charged the card, then raised, and it ran again: the card was charged again, "
                    + task.attempts() + " times in all (" + task.ledger + "). Its own exception is not a worker's"
                    + " death: without retryExceptions, do not run it again");
        }
        RayTaskError raised = assertInstanceOf(RayTaskError.class, error, "the task raised: the result must fail"
                + " with its RayTaskError");
        assertSame(task.errors.getFirst(), raised.getCause(), "the RayTaskError must be the one around what the task"
                + " raised");
    }

    @Test
    @DisplayName("with retryExceptions, exceptions are retried too; at the end, the last attempt's own error")
    void exceptionsRetriedWhenAsked() throws Exception {
        var recovers = new Script(Outcome.RAISES, Outcome.RAISES, Outcome.RETURNS);
        ObjectRef<String> result = remote(recovers, 3, true);
        assertEquals(null, run(result), "attempts 1 and 2 raised, attempt 3 returned, retryExceptions: no error");
        assertEquals("attempt 3", result.future().get(), "attempt 3's value is the result");

        var hopeless = new Script(Outcome.RAISES);
        Throwable error = run(remote(hopeless, 3, true));
        noRunaway(hopeless, 3);
        assertEquals(4, hopeless.attempts(), "every attempt raised, maxRetries=3, retryExceptions: 3 retries after the"
                + " first attempt, 4 attempts in all");
        if (!(error instanceof RayTaskError raised) || raised.getCause() != hopeless.errors.getLast()) {
            throw new AssertionError("all 4 attempts raised: the result must fail with the last attempt's own error (a"
                    + " RayTaskError around \"" + hopeless.errors.getLast().getMessage() + "\"), not " + error, error);
        }
    }

    @Test
    @DisplayName("deaths and exceptions share one budget of maxRetries")
    void oneBudgetForBoth() throws Exception {
        var task = new Script(Outcome.DIES, Outcome.RAISES, Outcome.DIES, Outcome.RAISES, Outcome.RETURNS);
        Throwable error = run(remote(task, 3, true));
        assertEquals(4, task.attempts(), "died, raised, died, raised with maxRetries=3: max_retries counts every retry,"
                + " whatever failed, so 4 attempts in all");
        RayTaskError raised = assertInstanceOf(RayTaskError.class, error, "the 4th attempt raised: its error is the"
                + " result's");
        assertSame(task.errors.getLast(), raised.getCause(), "the result must fail with the 4th attempt's own error");
    }
}
