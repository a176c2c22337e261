package dev.rosetta.exercises.futures;

import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * Exercise {@code futures/as-completed}: write {@code concurrent.futures.as_completed} yourself.
 *
 * <pre>
 * for f in as_completed(futures):     # the quickest first, whatever order they were given in
 *     print(f.result())
 * </pre>
 *
 * <p>{@link #asCompleted} returns at once an iterator over the same futures <b>in the order they
 * finish</b> (with a result, an exception or a cancellation; those finished already come
 * first). {@code next()} waits until one more has finished, and it must <b>sleep</b> while it
 * waits: a loop that asks every future {@code isDone()} again and again burns a core and is
 * called busy polling. Let the futures tell you instead: {@code whenComplete} runs your code
 * the moment a future finishes, on the thread that completes it.
 *
 * <p>As in Python, each future comes out <b>once</b>, even if it was given twice; {@code hasNext()}
 * says whether any is left to hand out (finished or not); after the last, {@code next()} throws
 * {@code NoSuchElementException} at once. Interrupted while it waits, {@code next()} throws (say a
 * {@code CancellationException}) and leaves the thread's interrupt status set.
 * Do not use {@code Futures.asCompleted}, {@code Futures.wait} or {@code ExecutorCompletionService}.
 *
 * <p>One thread iterates; the callbacks may run on any thread, at any time.
 * Chapter: docs/futures.md. Hints: {@code ./rosetta learn hint futures/as-completed}.
 */
public class AsCompleted {

    /** The futures in the order they finish; {@code next()} sleeps until the next one does. */
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        // TODO give every future a whenComplete callback that puts it into a BlockingQueue,
        //  and return an iterator whose next() takes from that queue
        throw new UnsupportedOperationException("TODO: asCompleted is not written yet");
    }
}
