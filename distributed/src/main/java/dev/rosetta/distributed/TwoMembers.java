package dev.rosetta.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * Two member JVMs, tasks sent to them, and who ran what. The Python it reproduces:
 *
 * <pre>{@code
 * import os
 * from dask.distributed import Client, LocalCluster
 *
 * cluster = LocalCluster(n_workers=2, processes=True)      # two worker processes
 * client = Client(cluster)
 * print("this process:", os.getpid())
 * futures = [client.submit(lambda i: (i * i, os.getpid()), i, pure=False) for i in range(6)]
 * for f in futures:
 *     print(f.result())                                    # (square, pid of the worker that ran it)
 * [part] = client.scatter([[1, 2, 3]])                     # data on one worker
 * print(client.who_has(part), client.submit(sum, part).result())   # the sum runs where the data is
 * }</pre>
 *
 * <p>Run: {@code java -cp distributed/target/classes:$(cat distributed/target/launch/classpath.txt) dev.rosetta.distributed.TwoMembers}
 * after {@code ./mvnw -B -q -pl distributed -am package -DskipTests}.
 */
public final class TwoMembers {
    /** One task's answer and where it was computed. */
    record Ran(int square, ClusterMember on) implements Serializable {
    }

    private TwoMembers() {
    }

    /** Starts two members, runs six tasks anywhere and one beside its data, prints who ran what. */
    public static void main(String[] args) throws Exception {
        try (var local = LocalCluster.start(2)) {
            Cluster cluster = local.cluster();
            for (ClusterMember member : cluster.members()) {
                System.out.println("member " + member + " at " + member.address());
            }
            System.out.println("this JVM: pid " + ProcessHandle.current().pid() + " (the client: it submits, runs no task)");

            var futures = new ArrayList<CompletableFuture<Ran>>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                futures.add(cluster.submit(() -> new Ran(n * n, Worker.current().self())));
            }
            for (int i = 0; i < futures.size(); i++) {
                Ran ran = futures.get(i).join();
                System.out.println("task " + i + ": " + ran.square() + " ran on " + ran.on());
            }

            ObjectRef<int[]> part = cluster.store().put("part-0", new int[] {1, 2, 3});
            Ran sum = cluster.submit(() -> {
                int total = 0;
                for (int x : Worker.current().cluster().store().get(part)) {
                    total += x;
                }
                return new Ran(total, Worker.current().self());
            }, part).join();
            System.out.println("'part-0' is held by " + cluster.ownerOf(part) + "; its sum " + sum.square()
                    + " ran on " + sum.on());
        }
    }
}
