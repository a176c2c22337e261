package dev.rosetta.examples.dask;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Partition;
import dev.rosetta.dask.ProgressBar;
import dev.rosetta.distributed.LocalCluster;
import dev.rosetta.distributed.dask.DistributedScheduler;
import java.util.Locale;

/**
 * The taxi query on a cluster of two Hazelcast members, each a JVM of its own, beside the threads
 * scheduler:
 *
 * <pre>{@code
 * import dask.dataframe as dd
 * from dask.distributed import Client, LocalCluster, progress
 *
 * cluster = LocalCluster(n_workers=2, threads_per_worker=2)   # two worker processes
 * client = Client(cluster)
 * print(list(client.scheduler_info()["workers"]))
 *
 * df = dd.read_csv("trips.csv", blocksize="1MB")
 * query = df[df.passengers > 1].groupby("pickup_zone").fare.mean()
 * on_threads = query.compute(scheduler="threads")
 * on_cluster = query.compute()            # a Client, once made, is the default scheduler
 * print(on_cluster.equals(on_threads))
 * }</pre>
 *
 * The graph is the same; only where its tasks run changes. The cluster's members read the blocks
 * of the CSV themselves (the same machine: the same file), keep the partial results in their
 * memory, and send back only the final means. Speeds are printed, never promised: on one small
 * machine the cluster pays for every message, and starting two JVMs takes seconds.
 * Argument: the CSV's size in MB (default 8).
 */
public final class DistributedQuery {
    private DistributedQuery() {
    }

    public static void main(String[] args) throws Exception {
        var csv = Data.trips(args.length > 0 ? Double.parseDouble(args[0]) : 8);
        double mb = Data.megabytes(csv);
        Frame query = Dask.readCsv(csv.toString(), 1 << 20).filter(col("passengers").gt(1))
                .groupBy("pickup_zone").mean("fare");
        System.out.println(query.npartitions() + " partitions; the graph has " + query.graph().size() + " tasks");

        Partition onThreads;
        try (var threads = LocalScheduler.threads(2)) {
            long start = System.nanoTime();
            onThreads = query.compute(threads);
            System.out.printf(Locale.ROOT, "threads(2):   %6.1f MB/s%n", mb / ((System.nanoTime() - start) / 1e9));
        }

        long starting = System.nanoTime();
        try (var local = LocalCluster.start(2)) {
            System.out.printf(Locale.ROOT, "cluster of %d members up in %.1f s: %s%n", local.cluster().members().size(),
                    (System.nanoTime() - starting) / 1e9, local.cluster().members());
            var client = new DistributedScheduler(local.cluster());
            Partition onCluster = query.compute(client, new ProgressBar(System.out));
            System.out.print(onCluster);
            var run = client.lastRun();
            System.out.printf("sent %d tasks in %d messages; released %d intermediate values from the members' memory%n",
                    run.tasks(), run.messages(), run.released());
            long start = System.nanoTime();
            query.compute(client);  // again: the members have loaded the classes and compiled the hot code
            System.out.printf(Locale.ROOT, "distributed:  %6.1f MB/s (the second run; the first warmed the members up)%n",
                    mb / ((System.nanoTime() - start) / 1e9));
            System.out.println("the same answer on threads and on the cluster: " + onCluster.toRows().equals(onThreads.toRows()));
        }
        System.out.println("cluster stopped: no member left running");
    }
}
