package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.List;

/**
 * Exercise {@code multiprocessing/retry-crash}: run a task again when its worker died, and only then.
 *
 * <p>A task on a pool can fail in two ways, and they call for opposite answers:
 * <ul>
 *   <li>it raised an exception of its own (bad input, a bug): {@code get()} throws that
 *       exception again, with its own type (an {@code IllegalArgumentException} here; its cause,
 *       a {@link dev.rosetta.multiprocessing.RemoteError}, holds the worker's stack trace). Run
 *       it again and it raises again: report it;</li>
 *   <li>its worker process died under it (killed, out of memory, a crash): {@code get()} throws
 *       a {@link dev.rosetta.multiprocessing.BrokenWorkerError}. The task may well be fine, and
 *       another worker may finish it: submit it again, but only so many times — a task that
 *       kills every worker it touches ("poison") must end as an error, not loop for ever.</li>
 * </ul>
 * CPython's {@code Pool} cannot make this choice: when a worker is SIGKILLed it hangs for ever
 * (cpython#96062). {@code concurrent.futures.ProcessPoolExecutor} raises
 * {@code BrokenProcessPool} but then the whole executor is broken. This pool raises
 * {@code BrokenWorkerError} for the tasks the dead worker held, starts a replacement, and goes
 * on; {@code Pool.Options.retries(n)} could even retry by itself — here you write that loop.
 *
 * <p>Write {@link #runAll}. Check it: {@code ./rosetta learn check multiprocessing/retry-crash}.
 * Chapter: docs/multiprocessing.md.
 */
public final class RetryOnCrash {
    private RetryOnCrash() {
    }

    /**
     * Runs {@code task} on every item on {@code pool} (a pool that does not retry by itself),
     * every item submitted before any result is awaited, so the workers run side by side.
     * Returns one outcome per item, in the order of {@code items}: {@link TaskOutcome.Returned}
     * with the attempt that returned; {@link TaskOutcome.Raised} after one attempt; or
     * {@link TaskOutcome.Crashed} when the worker died under each of {@code maxAttempts} attempts.
     */
    public static <T, R> List<TaskOutcome<R>> runAll(Pool pool, PicklableFunction<T, R> task, List<T> items,
                                                     int maxAttempts) {
        throw new UnsupportedOperationException("TODO: submit every item with pool.applyAsync, then walk the"
                + " results in order: a value is Returned, the task's own exception is Raised (no retry), and a BrokenWorkerError"
                + " means submit that item again, until maxAttempts attempts have crashed");
    }
}
