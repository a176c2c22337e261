package dev.rosetta.exercises.joblib;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Exercise {@code joblib/unordered-generator}: {@code return_as="generator_unordered"}, and a
 * caller that stops early.
 *
 * <pre>
 * gen = Parallel(n_jobs=2, return_as="generator_unordered")(delayed(f)(x) for x in xs)
 * for result in gen:          # each result as soon as its task is done
 *     if good_enough(result):
 *         break
 * gen.close()                 # what has not started never starts; nothing is left running
 * </pre>
 *
 * <p>The constructor submits every task to {@code executor}. {@link #next()} returns the result
 * of a task that has finished — <b>in the order they finish</b>, each exactly once — waiting for
 * one when none is ready; {@link #hasNext()} is true while results remain to be handed out.
 * {@link #close()} stops early: the tasks <b>not started never start</b>; the ones
 * <b>running are interrupted</b>; and it returns only <b>when none of them is still running</b>.
 * After {@code close()}, {@code hasNext()} is false; a second {@code close()} does nothing. A
 * consumer interrupted while it waits in {@code next()} gets an unchecked exception, its
 * interrupt flag set again.
 * The tasks here do not fail. Do not shut the executor down: it is the caller's.
 *
 * <p>Tools: {@code executor.submit}, {@code Future.cancel(true)} (interrupts a running task),
 * a {@code BlockingQueue} for the finished results, a lock and a condition (or a monitor) to
 * know how many tasks are running. Chapter: docs/joblib.md.
 * Hints: {@code ./rosetta learn hint joblib/unordered-generator}.
 */
public class Unordered<R> implements Iterator<R>, AutoCloseable {

    /** Submits every task to {@code executor}. */
    public Unordered(ExecutorService executor, List<Callable<R>> tasks) {
        // TODO submit every task; each puts its result where next() can take it
        throw new UnsupportedOperationException("TODO: the Unordered constructor is not written yet");
    }

    /** Whether results remain to be handed out (false after close). */
    @Override
    public boolean hasNext() {
        throw new UnsupportedOperationException("TODO: Unordered.hasNext is not written yet");
    }

    /** The result of a task that has finished, waiting for one if none is ready. */
    @Override
    public R next() {
        throw new UnsupportedOperationException("TODO: Unordered.next is not written yet");
    }

    /** Stops early: nothing more starts, running tasks are interrupted, and it returns when none runs. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO: Unordered.close is not written yet");
    }
}
