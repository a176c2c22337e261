package dev.rosetta.exercises.joblib;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Exercise {@code joblib/ordered-batches}: what {@code Parallel(n_jobs=2, batch_size=4)} does with
 * the results of its batches.
 *
 * <pre>
 * results = Parallel(n_jobs=2, batch_size=4)(delayed(f)(x) for x in items)   # in the order of items
 * </pre>
 *
 * <p>{@link #map} cuts {@code items} into consecutive batches of {@code batchSize} (items 0 to 3,
 * 4 to 7, ...; the last batch holds what is left, and is sent too), submits <b>each batch as one
 * task</b> to {@code executor} — a task that applies {@code function} to its items one after
 * another — submits <b>every batch before waiting</b> for any, and returns the results <b>in the
 * order of the items</b>, whatever order the batches finish in. An item whose function throws
 * makes {@code map} throw an {@link ExecutionException} whose cause is that exception. Do not
 * shut the executor down: it is the caller's.
 *
 * <p>Tools: {@code executor.submit(callable)}, {@code Future.get()}, {@code List.subList}.
 * Chapter: docs/joblib.md. Hints: {@code ./rosetta learn hint joblib/ordered-batches}.
 */
public class BatchMap {

    /** {@code function} applied to every item, batch by batch on {@code executor}; the results in item order. */
    public static <T, R> List<R> map(ExecutorService executor, List<T> items, int batchSize, Function<T, R> function)
            throws InterruptedException, ExecutionException {
        // TODO cut into batches, submit every batch as one task, then collect the results in order
        throw new UnsupportedOperationException("TODO: BatchMap.map is not written yet");
    }
}
