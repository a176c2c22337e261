package dev.rosetta.distributed.dask;

import static dev.rosetta.dask.Expr.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Scheduler;
import dev.rosetta.dask.Task;
import dev.rosetta.dask.TaskGraph;
import dev.rosetta.dask.TaxiTrips;
import dev.rosetta.distributed.Cluster;
import dev.rosetta.distributed.LocalCluster;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed scheduler on a 2-member cluster (each test starts its own: every thread and
 * process a test starts is gone when it ends).
 */
@TimeLimit(seconds = 180)
class DistributedSchedulerTest {
    static Frame taxiQuery(Path csv) {
        return Dask.readCsv(csv.toString(), 64 << 10).filter(col("passengers").gt(1)).groupBy("pickup_zone").mean("fare");
    }

    /**
     * The taxi query gives the synchronous scheduler's answer and leaves nothing of the run in the
     * store; many ready tasks travel in a few messages; errors name their task.
     */
    @Test
    void answersAreTheSynchronousSchedulersAndErrorsNameTheirTask(@TempDir Path dir) throws Exception {
        try (var local = LocalCluster.start(2)) {
            Cluster cluster = local.cluster();
            var client = new DistributedScheduler(cluster);
            theTaxiQuery(cluster, client, dir);
            independentTasksTravelInBatches(client);
            errorsNameTheTask(client);
        }
    }

    private static void theTaxiQuery(Cluster cluster, DistributedScheduler client, Path dir) throws Exception {
        Path csv = dir.resolve("trips.csv");
        TaxiTrips.write(csv, 600_000, 42);
        Frame query = taxiQuery(csv);
        assertTrue(query.graph().size() > 10, "a graph with a tree reduction: " + query.graph().size() + " tasks");

        var expected = query.compute(LocalScheduler.synchronous()).toRows();
        var posted = new ArrayList<String>();
        var answer = query.compute(client, new Scheduler.Callback() {
            @Override
            public void posttask(String key, int done, int total) {
                posted.add(done + "/" + total);
            }
        }).toRows();

        assertEquals(expected, answer, "the distributed scheduler's answer differs from the synchronous scheduler's");
        int tasks = query.graph().size();
        assertEquals(tasks, posted.size(), "the callback should hear of each task once: " + posted);
        assertEquals(tasks + "/" + tasks, posted.getLast(), "the last posttask should say all were done");
        var run = client.lastRun();
        assertTrue(run.released() > 0, "intermediate partitions should be released from the store: " + run);
        for (String key : query.graph().tasks().keySet()) {
            assertFalse(cluster.store().contains(client.ref(key)),
                    "the value of " + key + " is still in the store after the run: release it once nothing needs it");
        }
    }

    /** Ready tasks go out together: many no-op tasks travel in a few messages. */
    private static void independentTasksTravelInBatches(DistributedScheduler client) {
        var graph = new TaskGraph(IntStream.range(0, 1000)
                .mapToObj(i -> new Task("noop-" + i, List.of(), in -> i, "noop")).toList());
        var keys = List.copyOf(graph.tasks().keySet());
        var values = client.get(graph, keys, Scheduler.Callback.NONE);
        assertEquals(IntStream.range(0, 1000).boxed().toList(), values, "each key's value, in the order of keys");
        var run = client.lastRun();
        assertEquals(1000, run.tasks(), run.toString());
        assertTrue(run.messages() <= 1000 / DistributedScheduler.MAX_BATCH + 2 * DistributedScheduler.MESSAGES_PER_MEMBER,
                "1,000 ready tasks should travel in a few batched messages, not one message each: " + run);
    }

    /** A task that cannot be pickled is named; a task that raises comes back as its own exception, naming the task. */
    private static void errorsNameTheTask(DistributedScheduler client) {
        var lock = new Object(); // not Serializable
        var unsendable = new TaskGraph(List.of(new Task("holds-a-lock", List.of(), in -> lock.hashCode(), "bad")));
        var notPickled = assertThrows(PicklingError.class,
                () -> client.get(unsendable, List.of("holds-a-lock"), Scheduler.Callback.NONE));
        assertTrue(notPickled.getMessage().contains("task holds-a-lock [bad] cannot be sent to a cluster member")
                && notPickled.getMessage().contains("java.lang.Object"), notPickled.getMessage());

        var raising = new TaskGraph(List.of(new Task("parse", List.of(), in -> Integer.parseInt("x1"), "parse")));
        var raised = assertThrows(NumberFormatException.class,
                () -> client.get(raising, List.of("parse"), Scheduler.Callback.NONE));
        assertTrue(Arrays.stream(raised.getSuppressed()).anyMatch(s -> s.getMessage().startsWith("task parse [parse] failed on member-")),
                "the task's exception should say which task failed, and where: " + Arrays.toString(raised.getSuppressed()));
    }

    /**
     * Intermediates are released as soon as their users are done, and one lost from the store
     * (as when its member and its backup's both die) is recomputed from its inputs.
     */
    @Test
    void intermediatesAreReleasedAndALostOneIsRecomputed() throws Exception {
        try (var local = LocalCluster.start(2); var caller = Executors.newSingleThreadExecutor()) {
            Cluster cluster = local.cluster();
            anIntermediateIsReleasedOnceItsUsersAreDone(cluster, caller);
            aLostIntermediateIsRecomputed(cluster, caller);
        }
    }

    /**
     * While a task runs, the input of the task before it (whose only user is done) is gone from the
     * store, and its own input (still needed) is there.
     */
    private static void anIntermediateIsReleasedOnceItsUsersAreDone(Cluster cluster, ExecutorService caller) throws Exception {
        try (Queue<String> started = Queue.create(); Queue<String> release = Queue.create()) {
            var graph = new TaskGraph(List.of(
                    new Task("a", List.of(), in -> 20, "load"),
                    new Task("b", List.of("a"), in -> (Integer) in.getFirst() + 1, "inc"),
                    new Task("c", List.of("b"), in -> {
                        started.put("c");
                        release.get();
                        return (Integer) in.getFirst() + 21;
                    }, "gate")));
            var client = new DistributedScheduler(cluster);
            CompletableFuture<List<Object>> answer = CompletableFuture.supplyAsync(
                    () -> client.get(graph, List.of("c"), Scheduler.Callback.NONE), caller);
            started.get(TimeLimits.LONG);
            Awaitility.await("a's value released: b, its only user, is done").atMost(TimeLimits.LONG)
                    .until(() -> !cluster.store().contains(client.ref("a")));
            assertTrue(cluster.store().contains(client.ref("b")), "b's value was released while c, which needs it, runs");
            release.put("go");
            assertEquals(List.of(42), answer.get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS));
            assertFalse(cluster.store().contains(client.ref("b")), "b's value should be gone when the run ends");
        }
    }

    /** A value deleted from the store mid-run is computed again, and the task that missed it runs again. */
    private static void aLostIntermediateIsRecomputed(Cluster cluster, ExecutorService caller) throws Exception {
        try (Queue<String> ran = Queue.create(); Queue<String> started = Queue.create(); Queue<String> release = Queue.create()) {
            var graph = new TaskGraph(List.of(
                    new Task("a", List.of(), in -> {
                        ran.put("a");
                        return 20;
                    }, "load"),
                    new Task("gate", List.of(), in -> {
                        started.put("gate");
                        release.get();
                        return 22;
                    }, "gate"),
                    new Task("sum", List.of("a", "gate"), in -> (Integer) in.get(0) + (Integer) in.get(1), "add")));
            var client = new DistributedScheduler(cluster);
            CompletableFuture<List<Object>> answer = CompletableFuture.supplyAsync(
                    () -> client.get(graph, List.of("sum"), Scheduler.Callback.NONE), caller);
            started.get(TimeLimits.LONG);
            assertEquals("a", ran.get(TimeLimits.LONG));
            Awaitility.await("a's value in the store").atMost(TimeLimits.LONG).until(() -> cluster.store().contains(client.ref("a")));
            cluster.store().delete(client.ref("a"));                     // lost, as if both its copies died
            release.put("go");
            assertEquals(List.of(42), answer.get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS),
                    "the answer after recomputing the lost input");
            assertEquals("a", ran.get(TimeLimits.LONG), "a should have run again to recompute its lost value");
            assertEquals(1, client.lastRun().recomputed(), client.lastRun().toString());
        }
    }
}
