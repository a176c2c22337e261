package dev.rosetta.exercises.dask;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.exercises.ThreadlessExecutor;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A pool with no threads of its own, run by hand: the code under test runs on a caller thread
 * ({@link #drive}); its tasks wait in a queue until the caller blocks for a result, and then the
 * test thread runs every queued task, newest first, so tasks finish in the reverse of the order
 * they were submitted. Each time the caller blocked is a <i>wave</i>: {@link #waves()} says how
 * many tasks were queued at that moment — all the partitions at once, or one at a time.
 *
 * <p>No clock decides anything: a wave starts when the caller is parked with tasks queued, which
 * only waiting for a result does. Thread-safety: the queue is guarded by {@code this}; the waves
 * are written only by the test thread that drives.
 */
final class HandPool extends ThreadlessExecutor {
    private final List<Runnable> queued = new ArrayList<>(); // guarded by this
    private final List<Integer> waves = new ArrayList<>();
    private volatile Thread driver;
    private int submitted; // guarded by this

    /** How many tasks were queued each time the caller waited for one. */
    List<Integer> waves() {
        return waves;
    }

    /** How many tasks were submitted, in all. */
    synchronized int submitted() {
        return submitted;
    }

    /** Whether the current thread is the one running this pool's tasks (not the caller). */
    boolean onPool() {
        return Thread.currentThread() == driver;
    }

    /**
     * Runs {@code call} on a caller thread, running the queued tasks whenever it waits, until it
     * returns. Its exception is thrown as it is (an {@link ExecutionException} stays one).
     *
     * @param scenario what the call is, for the message when it waits for a task it never submitted
     */
    <R> R drive(String scenario, Callable<R> call) throws Exception {
        driver = Thread.currentThread();
        var result = new FutureTask<>(call);
        Thread caller = Thread.ofPlatform().name("dask-caller").start(result);
        try {
            while (!result.isDone()) {
                boolean stuck = Waits.until(TimeLimits.MEDIUM, () -> result.isDone() || parked(caller) && hasQueued());
                if (result.isDone()) {
                    break;
                }
                if (!stuck) {
                    fail(scenario + ": the call waited with no task queued for " + TimeLimits.MEDIUM.toMillis()
                            + " ms: it waits for a result it never submitted to the pool");
                }
                runQueued();
            }
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            result.cancel(true);
            caller.join(TimeLimits.MEDIUM);
        }
    }

    private static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private synchronized boolean hasQueued() {
        return !queued.isEmpty();
    }

    /** Runs every queued task on this thread, newest first: one wave. */
    private void runQueued() {
        List<Runnable> wave;
        synchronized (this) {
            wave = new ArrayList<>(queued).reversed();
            queued.clear();
        }
        waves.add(wave.size());
        wave.forEach(Runnable::run);
    }

    @Override
    public synchronized void execute(Runnable task) {
        queued.add(task);
        submitted++;
    }

    @Override
    protected synchronized boolean idle() {
        return queued.isEmpty();
    }
}
