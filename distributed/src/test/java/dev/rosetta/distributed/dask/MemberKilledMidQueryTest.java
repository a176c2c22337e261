package dev.rosetta.distributed.dask;

import static dev.rosetta.dask.Expr.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Partition;
import dev.rosetta.dask.PartitionFunction;
import dev.rosetta.dask.TaxiTrips;
import dev.rosetta.distributed.ClusterMember;
import dev.rosetta.distributed.LocalCluster;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member killed (SIGKILL) in the middle of the taxi query. */
class MemberKilledMidQueryTest {
    /**
     * Holds the partition that starts the file until the test says go, after saying which JVM it
     * is in: the test kills that member while the task waits, so the kill lands mid-query.
     */
    record HoldFirstPartition(Queue<Long> started, Queue<String> release) implements PartitionFunction {
        @Override
        public Partition apply(Partition p) throws Exception {
            if (p.rows() > 0 && Long.valueOf(0).equals(p.column("trip_id").get(0))) {
                started.put(ProcessHandle.current().pid());
                release.get();
            }
            return p;
        }
    }

    static Frame query(Path csv, PartitionFunction step) {
        Frame trips = Dask.readCsv(csv.toString(), 64 << 10);
        return trips.mapPartitions(step, trips.schema()).filter(col("passengers").gt(1)).groupBy("pickup_zone").mean("fare");
    }

    /**
     * The member running the held task is killed; the task (and the others it had) run again on
     * the other member, the intermediate partitions it held survive in their backups, and the
     * answer is the synchronous scheduler's.
     */
    @Test
    @TimeLimit(seconds = 180)
    void theAnswerIsStillRightWhenAMemberDiesMidQuery(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("trips.csv");
        TaxiTrips.write(csv, 600_000, 42);
        List<List<Object>> expected = query(csv, p -> p).compute(LocalScheduler.synchronous()).toRows();
        try (var local = LocalCluster.start(2);
             var caller = Executors.newSingleThreadExecutor();
             Queue<Long> started = Queue.create();
             Queue<String> release = Queue.create()) {
            var client = new DistributedScheduler(local.cluster());
            Frame held = query(csv, new HoldFirstPartition(started, release));
            CompletableFuture<Partition> answer = CompletableFuture.supplyAsync(() -> held.compute(client), caller);

            long firstPid = started.get(TimeLimits.LONG);
            ClusterMember victim = local.cluster().members().stream().filter(m -> m.pid() == firstPid).findFirst().orElseThrow();
            local.kill(victim);                          // SIGKILL while the task waits in release.get()

            long secondPid = started.get(TimeLimits.LONG);
            assertNotEquals(firstPid, secondPid, "the held task should run again on the member still alive");
            release.put("go");
            release.put("go");                           // one per start: the killed wait may have taken one with it
            assertEquals(expected, answer.get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS).toRows(),
                    "after a member died mid-query, the distributed answer differs from the synchronous scheduler's");
            assertEquals(1, local.cluster().members().size(), "one member should be left: " + local.cluster().members());
        }
    }
}
