package dev.rosetta.distributed;

import java.util.List;

/**
 * A task whose member died under it too often: dask.distributed's {@code KilledWorker}
 * ("Attempted to run task ... on 3 different workers, but all those workers died while running
 * it"), ray's {@code WorkerCrashedError} after {@code max_retries}.
 *
 * <p>A {@link Cluster} resubmits a task when the member running it leaves the cluster; this error
 * ends the future when the retries are used up, or at once for a task placed
 * {@link Placement#on(ClusterMember) on one member}, which may run nowhere else. Its message names
 * every loss in order.
 */
public final class KilledWorker extends RuntimeException {
    private final List<String> losses;

    KilledWorker(String task, List<String> losses, String advice) {
        super(task + " lost its member " + losses.size() + " time(s): " + String.join("; ", losses) + ". " + advice);
        this.losses = List.copyOf(losses);
    }

    /** What each loss looked like, first to last (Hazelcast's words: which member, which connection). */
    public List<String> losses() {
        return losses;
    }
}
