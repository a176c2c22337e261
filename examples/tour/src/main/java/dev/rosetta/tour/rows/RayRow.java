package dev.rosetta.tour.rows;

import dev.rosetta.distributed.ray.HazelcastRuntime;
import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.Intruder;
import dev.rosetta.ray.ObjectLocation;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.ray.RemoteFunction;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
import dev.rosetta.tour.TourRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code ray} row: Ray's own microbenchmarks (one client, no-op tasks and a 1:1 actor, sync
 * and async) on a local cluster of two worker JVMs, a worker killed with SIGKILL in the
 * middle of a job, a large object put and read by a worker, and a connection without the
 * cluster's token; then the async tasks again, on two Hazelcast members. Ray's figures are from
 * its published microbenchmarks (Ray 2.x).
 */
public final class RayRow implements TourRow {
    static final Figure TASKS_SYNC = new Figure("tasks_sync_per_s", "tasks/s",
            "submit + get one no-op task at a time, local cluster of 2 workers", Goal.atLeast(10_000), "981");
    static final Figure TASKS_ASYNC = new Figure("tasks_async_per_s", "tasks/s",
            "submit 10,000 no-op tasks, then get all", Goal.atLeast(50_000), "8,041");
    static final Figure ACTOR_SYNC = new Figure("actor_calls_sync_per_s", "calls/s",
            "one actor, call + get one at a time", Goal.atLeast(10_000), "≈ 2,000");
    static final Figure ACTOR_ASYNC = new Figure("actor_calls_async_per_s", "calls/s",
            "one actor, 10,000 calls then get all", Goal.atLeast(50_000), "9,062");
    static final Figure HAZELCAST_TASKS = new Figure("hazelcast_tasks_per_s", "tasks/s",
            "submit 10,000 no-op tasks, then get all, on 2 Hazelcast members", Goal.baseline("reported: the price of a real cluster"), "—");
    static final Figure LOST_ON_KILL = new Figure("tasks_lost_on_worker_kill", "tasks",
            "1,000 tasks, one worker SIGKILLed midway (maxRetries 3)", Goal.is(0L), "—");
    static final Figure PUT_GET = new Figure("put_get_mb_s", "MB/s",
            "a 100 MB array made and kept by one worker (an actor), then taken by a task on another worker:"
                    + " the bytes go worker to worker, never through the driver", Goal.atLeast(1_000), "—");
    static final Figure UNAUTHENTICATED = new Figure("unauthenticated_rejected", "true/false",
            "a connection without the token to a worker's object server (a plain request, and a guessed token) is refused",
            Goal.is(true), "false by default (CVE-2023-48022)");
    private static final int MB = 1_000_000;

    @Override
    public String name() {
        return "ray";
    }

    /** The actor of the actor benchmarks: a no-op method. */
    public static final class Noop {
        public int call() {
            return 0;
        }
    }

    @Override
    public Headline headline() {
        return new Headline("refs = [noop.remote(i) for i in range(40)]; ray.get(refs); then 20 calls on one actor",
                "The worker processes' lanes: the 40 tasks spread over both workers side by side (ask for all, wait"
                        + " once); then the actor's calls, all on one worker's lane, one after another and never"
                        + " overlapping — an actor runs its calls one at a time, in order.",
                () -> {
                    try (Ray ray = Ray.init(2)) {
                        RemoteFunction<Integer> noop = ray.remote(RayRow::noop);
                        allThenGet(ray, 40, noop::remote);
                        ActorHandle<Noop> actor = ray.actor(Noop.class);
                        allThenGet(ray, 20, i -> actor.remote(Noop::call));
                    }
                });
    }

    static int noop(int x) {
        return x;
    }

    static int sleepy(int x) throws InterruptedException {
        Thread.sleep(1);
        return x;
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        int sync = quick ? 2_000 : 10_000;
        int async = 10_000;
        int runs = quick ? 3 : 7;
        try (Ray ray = Ray.init(2)) {
            RemoteFunction<Integer> noop = ray.remote(RayRow::noop);
            // measured first: its warm-ups warm the driver and the workers up for all the figures
            readings.median(TASKS_SYNC, 0, quick ? 2 : 4, runs, () -> inTurn(ray, sync, noop::remote));
            readings.median(TASKS_ASYNC, 0, 2, runs, () -> allThenGet(ray, async, noop::remote));
            ActorHandle<Noop> actor = ray.actor(Noop.class);
            readings.median(ACTOR_SYNC, 0, 2, runs, () -> inTurn(ray, sync, i -> actor.remote(Noop::call)));
            readings.median(ACTOR_ASYNC, 0, 2, runs, () -> allThenGet(ray, async, i -> actor.remote(Noop::call)));
            ray.kill(actor);

            readings.begin(LOST_ON_KILL.key());
            readings.put(LOST_ON_KILL, lostOnKill(ray, ray.remote(RayRow::sleepy), 1_000));

            readings.begin(UNAUTHENTICATED.key());
            readings.put(UNAUTHENTICATED, unauthenticatedRejected(ray));
            readings.median(PUT_GET, 0, quick ? 1 : 2, quick ? 3 : 5, putGetBetweenWorkers(ray, 100 * MB));
        }
        // the same workload on two Hazelcast member JVMs: only init differs (--quick: a fifth of it, ~1 ms a task)
        try (Ray ray = Ray.init(HazelcastRuntime.members(2))) {
            RemoteFunction<Integer> noop = ray.remote(RayRow::noop);
            int tasks = quick ? async / 5 : async;
            readings.median(HAZELCAST_TASKS, 0, quick ? 1 : 2, quick ? 3 : 5, () -> allThenGet(ray, tasks, noop::remote));
        }
    }

    /** The producer of the put/get figure: an actor, so that it is a worker process apart from the task workers. */
    public static final class Maker {
        /** A fresh array of {@code n} bytes, marked at both ends so that the taker can tell it is this one. */
        public byte[] make(int n) {
            byte[] array = new byte[n];
            array[0] = 1;
            array[n - 1] = 2;
            return array;
        }
    }

    /** The taker: a task on a task worker, handed the maker's ref; checks the marks and returns the length. */
    static int taken(byte[] array) {
        return array[0] == 1 && array[array.length - 1] == 2 ? array.length : -1;
    }

    /**
     * One run of {@code put_get_mb_s}, in MB/s: an actor makes {@code n} bytes and keeps them in its
     * worker's object store (Ray's put of a task's result), a task on a task worker takes the ref
     * (Ray's get, resolved before the task runs: the bytes fetched from the actor's object server).
     * Each run checks that the value stayed in the maker's process, so the bytes could not have
     * travelled through the driver.
     */
    private static Measure.Run putGetBetweenWorkers(Ray ray, int n) {
        ActorHandle<Maker> maker = ray.actor(Maker.class);
        RemoteFunction<Integer> taker = ray.remote(RayRow::taken);
        return () -> {
            List<ObjectRef<byte[]>> made = new ArrayList<>(1);
            double seconds = Measure.seconds(() -> {
                made.add(maker.remote(Maker::make, n));
                if (ray.get(taker.remote(made.getFirst())) != n) {
                    throw new IllegalStateException("the taking worker received another array than the one made");
                }
            });
            long holder = ray.objectLocation(made.getFirst()).map(ObjectLocation::pid).orElse(-1L);
            if (holder != maker.workerPid()) {
                throw new IllegalStateException("the 100 MB array is not kept by its maker (pid " + maker.workerPid()
                        + ") but by pid " + holder + ": it did not go worker to worker");
            }
            return n / (double) MB / seconds;
        };
    }

    /**
     * Knocks on a worker's object server without the token, twice: a plain request (what the
     * ShadowRay attackers sent to Ray's jobs API) and a challenge answered under a guessed token.
     * True when both are refused and the cluster's own get of the same object still works.
     */
    private static boolean unauthenticatedRejected(Ray ray) {
        ObjectRef<byte[]> kept = ray.remote((Integer n) -> new byte[n]).remote(MB);
        int port = ray.objectLocation(kept).orElseThrow().port();
        boolean plain = Intruder.withoutToken(port, "POST /api/jobs/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").refused();
        boolean guessed = Intruder.withGuessedToken(port).refused();
        return plain && guessed && ray.get(kept).length == MB;
    }

    /** Calls per second, each call waited for before the next: Ray's "sync" benchmarks. */
    private static double inTurn(Ray ray, int n, IntFunction<ObjectRef<Integer>> call) {
        return n / Measure.seconds(() -> {
            for (int i = 0; i < n; i++) {
                ray.get(call.apply(i));
            }
        });
    }

    /** Calls per second, all made before one get of them all: Ray's "async" benchmarks. */
    private static double allThenGet(Ray ray, int n, IntFunction<ObjectRef<Integer>> call) {
        return n / Measure.seconds(() -> {
            List<ObjectRef<Integer>> refs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                refs.add(call.apply(i));
            }
            ray.get(refs);
        });
    }

    /** Submits {@code n} tasks, kills a worker once a tenth are done, and counts the results missing or wrong. */
    private static long lostOnKill(Ray ray, RemoteFunction<Integer> work, int n) {
        List<ObjectRef<Integer>> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(work.remote(i));
        }
        ray.wait(refs, n / 10, Duration.ofMinutes(1));
        ProcessHandle.of(ray.workerPids().getFirst()).ifPresent(ProcessHandle::destroyForcibly);
        long lost = 0;
        for (int i = 0; i < n; i++) {
            try {
                if (ray.get(refs.get(i)) != i) {
                    lost++;
                }
            } catch (RuntimeException e) {
                lost++;
            }
        }
        return lost;
    }
}
