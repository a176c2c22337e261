package dev.rosetta.exercises.dask;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Exercise {@code dask/map-partitions}: what {@code df.map_partitions(fn)} does when it is
 * computed on the threads scheduler.
 *
 * <pre>
 * counts = df.map_partitions(len).compute(scheduler="threads")   # one value per partition, in order
 * </pre>
 *
 * <p>A frame is a list of partitions. {@link #mapPartitions} applies {@code function} to each
 * <b>whole partition</b> — once per partition, never row by row — as <b>one task per
 * partition</b> on {@code pool}, submits <b>every partition's task before waiting</b> for any, and
 * returns one result per partition <b>in the order of the partitions</b>, whatever order the
 * tasks finish in. An empty partition is a partition too: {@code function} is applied to it (a
 * filter leaves them behind; {@code len} of one is 0), so there are as many results as
 * partitions. No partitions: no task, no results. A {@code function} that throws makes
 * {@code mapPartitions} throw an {@link ExecutionException} whose cause is that exception. Do not
 * shut the pool down: it is the caller's.
 *
 * <p>Tools: {@code pool.submit(callable)}, {@code Future.get()}.
 * Chapter: docs/dask.md. Hints: {@code ./rosetta learn hint dask/map-partitions}.
 */
public class MapPartitions {

    /** {@code function} applied to each partition, one task per partition on {@code pool}; the results in partition order. */
    public static <T, R> List<R> mapPartitions(ExecutorService pool, List<List<T>> partitions, Function<List<T>, R> function)
            throws InterruptedException, ExecutionException {
        // TODO submit one task per partition, every one before waiting, then collect the results in partition order
        throw new UnsupportedOperationException("TODO: MapPartitions.mapPartitions is not written yet");
    }
}
