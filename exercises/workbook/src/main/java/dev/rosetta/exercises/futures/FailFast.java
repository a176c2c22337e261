package dev.rosetta.exercises.futures;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Exercise {@code futures/cancel-on-failure}: run many tasks; at the first failure, stop.
 *
 * <pre>
 * futures = [pool.submit(task) for task in tasks]
 * done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
 * for f in not_done:
 *     f.cancel()                         # those still queued never start
 * return [f.result() for f in futures]   # raises the first failure
 * </pre>
 *
 * <p>{@link #runAll} submits <b>every</b> task to {@code executor} first, then waits. If all
 * succeed, it returns their results <b>in the order of the tasks</b>. As soon as one fails it
 * <b>cancels every task not yet done</b> (the ones still queued must never start) and throws an
 * {@link ExecutionException} whose cause is that task's exception, <b>without waiting</b> for the
 * tasks still running, and leaving them to finish (cancel them with {@code cancel(false)}: as in
 * Python, a running task is not interrupted). Throw the failed task's own exception, never the
 * {@code CancellationException} of a task you cancelled. Interrupted while it waits, it cancels
 * what is not done too, and throws the {@code InterruptedException}. No tasks: an empty list.
 * Do not shut the executor down: it is the caller's.
 *
 * <p>Tools: {@code Futures.submit} and {@code Futures.wait(futures, null, ReturnWhen.FIRST_EXCEPTION)}
 * from {@code dev.rosetta.futures} (Python's), or the JDK's {@code ExecutorCompletionService}
 * (futures in the order they finish), and {@code future.cancel(...)}.
 * Chapter: docs/futures.md. Hints: {@code ./rosetta learn hint futures/cancel-on-failure}.
 */
public class FailFast {

    /** Every task's result, in order; at the first failure, cancel the rest and throw it. */
    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        // TODO submit them all, wait for the first failure (or for all), cancel what is not done
        throw new UnsupportedOperationException("TODO: runAll is not written yet");
    }
}
