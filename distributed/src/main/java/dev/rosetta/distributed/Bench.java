package dev.rosetta.distributed;

import dev.rosetta.multiprocessing.PicklableCallable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * How fast the cluster hands out tiny tasks: the per-task cost that decides how small dask's
 * partitions and ray's tasks may be. dask.distributed's 2-worker {@code LocalCluster} did 445
 * no-op tasks/s (async) and 63 sync round trips/s on the machine its figures come from.
 *
 * <ul>
 *   <li>{@code tasks_per_s}: submit a batch of no-op tasks at once, then wait for all (dask's
 *       {@code client.map}, ray's {@code [f.remote() for ...]; ray.get(refs)});</li>
 *   <li>{@code sync_round_trips_per_s}: submit one, wait for it, then the next
 *       ({@code client.submit(f).result()} in a loop).</li>
 * </ul>
 * Each is measured after a warm-up, 5 times; the median is printed with the range.
 *
 * <p>Run: {@code ./mvnw -B -q -pl distributed -am package -DskipTests}, then
 * {@code java -cp distributed/target/classes:$(cat distributed/target/launch/classpath.txt) dev.rosetta.distributed.Bench [members] [tasks]}
 * (on JDK 25; the build writes which one to {@code distributed/target/launch/java-settings.txt}).
 */
public final class Bench {
    private static final int ROUNDS = 5;
    private static final PicklableCallable<Integer> NO_OP = () -> 0;

    private Bench() {
    }

    /** Arguments: members (2), tasks per async round (10,000). */
    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long started = System.nanoTime();
        try (var local = LocalCluster.start(members)) {
            System.out.printf(Locale.ROOT, "cluster of %d members up in %.1f s: %s%n",
                    members, (System.nanoTime() - started) / 1e9, local.cluster().members());
            Cluster cluster = local.cluster();
            asyncRound(cluster, tasks);   // warm-up: class loading, JIT, connections
            syncRound(cluster, tasks / 10);
            report("tasks_per_s", "no-op tasks, " + tasks + " submitted at once", () -> asyncRound(cluster, tasks));
            report("sync_round_trips_per_s", "submit one no-op task, wait, repeat (" + tasks / 10 + ")",
                    () -> syncRound(cluster, tasks / 10));
        }
    }

    private interface Round {
        double perSecond() throws Exception;
    }

    private static void report(String metric, String workload, Round round) throws Exception {
        double[] rates = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            rates[i] = round.perSecond();
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-24s %,10.0f /s  (median of %d, %,.0f..%,.0f)  %s%n",
                metric, rates[ROUNDS / 2], ROUNDS, rates[0], rates[ROUNDS - 1], workload);
    }

    private static double asyncRound(Cluster cluster, int tasks) {
        long start = System.nanoTime();
        var futures = new ArrayList<CompletableFuture<Integer>>(tasks);
        for (int i = 0; i < tasks; i++) {
            futures.add(cluster.submit(NO_OP));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        return tasks / ((System.nanoTime() - start) / 1e9);
    }

    private static double syncRound(Cluster cluster, int tasks) {
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            cluster.submit(NO_OP).join();
        }
        return tasks / ((System.nanoTime() - start) / 1e9);
    }
}
