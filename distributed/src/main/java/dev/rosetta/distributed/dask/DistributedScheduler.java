package dev.rosetta.distributed.dask;

import dev.rosetta.dask.Scheduler;
import dev.rosetta.dask.Task;
import dev.rosetta.dask.TaskGraph;
import dev.rosetta.distributed.Cluster;
import dev.rosetta.distributed.ClusterMember;
import dev.rosetta.distributed.ObjectRef;
import dev.rosetta.distributed.Placement;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.multiprocessing.PicklingError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * dask's distributed scheduler on a Hazelcast {@link Cluster}: {@code dask.distributed.Client}.
 * The graph is the same one the local schedulers run; its tasks run on the cluster's members and
 * their values live in the members' memory.
 *
 * <pre>{@code
 * # Python                                          // Java
 * cluster = LocalCluster(n_workers=2)               try (var local = LocalCluster.start(2)) {
 * client = Client(cluster)                              var client = new DistributedScheduler(local.cluster());
 * query.compute()   # runs on the workers               Partition means = query.compute(client);
 *                                                   }
 * }</pre>
 *
 * <p><b>How a run goes</b> ({@link #get}, in the caller's thread, like dask's scheduler loop):
 * <ul>
 *   <li><b>Ready tasks go out at once, in batches.</b> Every task whose inputs are done is sent,
 *       in priority order ({@link TaskGraph#order}); the ones bound for the same member travel
 *       together in one message ({@code Batch}) of up to {@value #MAX_BATCH} tasks, but each member
 *       gets at least {@value #MESSAGES_PER_MEMBER} messages when there are enough tasks, so its
 *       executor threads run them side by side. Independent tasks thus run concurrently, and a
 *       no-op task costs a fraction of a network round trip.</li>
 *   <li><b>Work goes where its data is.</b> A task is placed {@link Placement#near near} its first
 *       input's key in the store: it reads that input from its own member's memory. Tasks
 *       without inputs (reading a file's block, say) go to any member.</li>
 *   <li><b>Values stay on the members.</b> A task's value is written to the cluster's store (an
 *       IMap, each entry backed up on another member) under its key, if another task needs it; a
 *       value the caller asked for also comes straight back in the reply. Once every task that
 *       needs a value is done, it is released (deleted from the store, several keys per message):
 *       the store holds what is still needed, not the whole data set. The run's keys are gone from
 *       the store when {@code get} returns.</li>
 *   <li><b>A member that dies.</b> The messages it was running are resubmitted to the others by
 *       the cluster ({@link Cluster#submit}, up to {@code maxRetries} times, then
 *       {@link dev.rosetta.distributed.KilledWorker}); its values survive in their backups. A value
 *       that is gone all the same (its member and the backup's both died, or it was released and
 *       is needed again) is recomputed from its inputs, recursively, and the task that missed it
 *       runs again: tasks must be pure, as dask's are.</li>
 *   <li><b>Errors.</b> The first failing task stops the run: no new task is sent, the ones out are
 *       waited for, and the task's own exception is thrown, with the task and member named in a
 *       suppressed exception. A task that cannot be sent (its function captures something that is
 *       not {@code Serializable}) fails with a {@link PicklingError} naming the task.</li>
 * </ul>
 * The {@link Scheduler.Callback} hears of each task from the caller's thread: {@code pretask}
 * when it is sent, {@code posttask} when its reply arrives.
 *
 * <p>Thread-safety: several {@code get}s may run at once from different threads, each with its
 * own keys in the store; {@link #ref}, {@link #whoHas} and {@link #lastRun} refer to the run
 * started last.
 */
public final class DistributedScheduler implements Scheduler {
    /** The most tasks in one message to a member. */
    static final int MAX_BATCH = 128;
    /** Messages per member a group of ready tasks is cut into at least, so that a member runs several at once. */
    static final int MESSAGES_PER_MEMBER = 4;
    /** The most tasks sent and not yet answered. */
    static final int WINDOW = 20_000;
    /** How often one key may be recomputed in a run before the run gives up. */
    static final int MAX_RECOMPUTES = 10;

    private final Cluster cluster;
    private final int maxRetries;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger runs = new AtomicInteger();
    private volatile String prefix = "";
    private volatile Summary lastRun = new Summary(0, 0, 0, 0);

    /** A client of {@code cluster} whose messages are resubmitted up to {@link Cluster#MAX_RETRIES} times. */
    public DistributedScheduler(Cluster cluster) {
        this(cluster, Cluster.MAX_RETRIES);
    }

    /** A client of {@code cluster}; a message whose member dies is resubmitted up to {@code maxRetries} times. */
    public DistributedScheduler(Cluster cluster, int maxRetries) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        this.maxRetries = maxRetries;
    }

    @Override
    public String name() {
        return "distributed";
    }

    /**
     * Where the value of {@code key} is kept in the cluster's store during the last run started
     * (dask's {@code Future} for a key); present from when its task ends until it is released.
     */
    public ObjectRef<Object> ref(String key) {
        return new ObjectRef<>(prefix + key);
    }

    /** The member holding the value of {@code key} in the last run started: {@code client.who_has(key)}. */
    public ClusterMember whoHas(String key) {
        return cluster.ownerOf(ref(key));
    }

    /** What the last run did. */
    public Summary lastRun() {
        return lastRun;
    }

    /**
     * What one run did.
     *
     * @param tasks      tasks sent, recomputations included
     * @param messages   messages (batches) sent to members
     * @param recomputed values computed again because the store had lost them
     * @param released   values deleted from the store once nothing needed them (during the run, and at its end)
     */
    public record Summary(int tasks, int messages, int recomputed, int released) {
    }

    @Override
    public List<Object> get(TaskGraph graph, List<String> keys, Callback callback) {
        String runPrefix = "dask-" + id + "-" + runs.incrementAndGet() + "/";
        prefix = runPrefix;
        var run = new Run(graph, keys, callback, runPrefix);
        try {
            return run.compute();
        } finally {
            lastRun = new Summary(run.sent, run.messages, run.recomputed, run.released);
        }
    }

    /** The cluster's client is the caller's: closing the scheduler leaves it and its members running. */
    @Override
    public void close() {
    }

    private enum State { WAITING, READY, RUNNING, DONE }

    /** A message's reply, as Hazelcast's threads hand it to the loop. */
    private record Reply(Batch batch, Object values, Throwable error) {
    }

    /** The group of ready tasks without inputs: they may run on any member. */
    private static final Object ANYWHERE = new Object();

    /** One {@code get}: the loop's state, touched by the caller's thread only. */
    private final class Run {
        private final TaskGraph graph;
        private final List<String> keys;
        private final Callback callback;
        private final String prefix;
        private final Set<String> wanted;
        private final Map<String, List<String>> dependents;
        private final Map<String, State> state = new HashMap<>();
        private final PriorityQueue<String> ready;
        private final Map<String, Object> held = new HashMap<>();      // wanted values, back in this JVM
        private final Set<String> stored = new HashSet<>();            // values in the store now
        private final Set<String> everDone = new HashSet<>();
        private final Map<String, Integer> recomputes = new HashMap<>();
        private final List<String> toRelease = new ArrayList<>();
        private final List<CompletableFuture<Integer>> releasing = new ArrayList<>();
        private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
        private int remaining;
        private int inFlight;
        private RuntimeException failure;
        int sent;
        int messages;
        int recomputed;
        int released;

        Run(TaskGraph graph, List<String> keys, Callback callback, String prefix) {
            this.graph = graph;
            this.keys = keys;
            this.callback = callback;
            this.prefix = prefix;
            this.wanted = new HashSet<>(keys);
            this.dependents = graph.dependents();
            var priority = graph.order(keys);
            this.ready = new PriorityQueue<>(Comparator.comparing(priority::get));
            for (Task t : graph.tasks().values()) {
                state.put(t.key(), State.WAITING);
                readyIfInputsDone(t.key());
            }
            remaining = graph.size();
        }

        List<Object> compute() {
            callback.start(graph, graph.size());
            try {
                while (remaining > 0 && (failure == null || inFlight > 0)) {
                    if (failure == null) {
                        send();
                    }
                    if (inFlight == 0) {
                        break; // nothing out: a failure while sending, or nothing left to wait for
                    }
                    var batch = new ArrayList<Reply>();
                    batch.add(replies.take());
                    replies.drainTo(batch);
                    for (Reply r : batch) {
                        handle(r);
                    }
                    if (remaining > 0) {
                        releaseUnneeded(); // at the end, the sweep releases the rest and waits
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while computing " + keys + " on the cluster", e);
            } finally {
                sweep();
                callback.finish(failure != null || remaining > 0);
            }
            if (failure != null) {
                throw failure;
            }
            if (remaining > 0) {
                throw new IllegalStateException("the run stopped with " + remaining + " of " + graph.size()
                        + " tasks not done and none running: a task waits for an input that never comes");
            }
            var out = new ArrayList<Object>(keys.size());
            for (String k : keys) {
                out.add(held.get(k));
            }
            return out;
        }

        /**
         * Sends every ready task (up to the window): those with inputs grouped by the member that
         * holds their first input, those without in one group for any member; each group cut into messages.
         */
        private void send() {
            if (ready.isEmpty() || inFlight >= WINDOW) {
                return;
            }
            var groups = new LinkedHashMap<Object, List<Task>>(); // a ClusterMember, or ANYWHERE
            int picked = 0;
            while (!ready.isEmpty() && inFlight + picked < WINDOW) {
                Task task = graph.task(ready.poll());
                Object where = task.dependencies().isEmpty() ? ANYWHERE : cluster.ownerOf(placementKey(task));
                groups.computeIfAbsent(where, m -> new ArrayList<>()).add(task);
                picked++;
            }
            for (var group : groups.entrySet()) {
                List<Task> tasks = group.getValue();
                int spread = MESSAGES_PER_MEMBER * (group.getKey() == ANYWHERE ? cluster.members().size() : 1);
                int pieces = Math.max(ceilDiv(tasks.size(), MAX_BATCH), Math.min(tasks.size(), spread));
                int size = ceilDiv(tasks.size(), pieces);
                for (int from = 0; from < tasks.size() && failure == null; from += size) {
                    List<Task> piece = tasks.subList(from, Math.min(tasks.size(), from + size));
                    submit(piece, group.getKey() == ANYWHERE ? Placement.anywhere() : Placement.near(placementKey(piece.getFirst())));
                }
            }
        }

        /** The store key a task with inputs is placed near: its first input's. */
        private String placementKey(Task task) {
            return prefix + task.dependencies().getFirst();
        }

        private void submit(List<Task> tasks, Placement placement) {
            var keep = new boolean[tasks.size()];
            var giveBack = new boolean[tasks.size()];
            for (int i = 0; i < tasks.size(); i++) {
                keep[i] = !dependents.get(tasks.get(i).key()).isEmpty();
                giveBack[i] = wanted.contains(tasks.get(i).key());
            }
            var batch = new Batch(prefix, List.copyOf(tasks), keep, giveBack);
            try {
                cluster.submit(batch, placement, maxRetries)
                        .whenComplete((values, error) -> replies.add(new Reply(batch, values, error)));
            } catch (PicklingError notSendable) {
                failure = namingTheTask(tasks, notSendable);
                return;
            }
            for (Task t : tasks) {
                state.put(t.key(), State.RUNNING);
                callback.pretask(t.key());
            }
            inFlight += tasks.size();
            sent += tasks.size();
            messages++;
        }

        private void handle(Reply reply) {
            List<Task> tasks = reply.batch().tasks();
            inFlight -= tasks.size();
            if (reply.error() != null) {
                for (Task t : tasks) {
                    state.put(t.key(), State.WAITING);
                }
                if (failure == null) {
                    failure = raised(unwrap(reply.error()));
                }
                return;
            }
            var values = (Object[]) reply.values();
            for (int i = 0; i < tasks.size(); i++) {
                Task task = tasks.get(i);
                Object value = values[i];
                if (value instanceof Batch.Lost lost) {
                    lostInputs(task, lost.keys());
                } else {
                    finished(task, value, reply.batch().keep()[i]);
                }
            }
        }

        private void finished(Task task, Object value, boolean kept) {
            String key = task.key();
            state.put(key, State.DONE);
            remaining--;
            if (kept) {
                stored.add(key);
            }
            if (wanted.contains(key)) {
                held.put(key, value);
            }
            if (everDone.add(key)) {
                callback.posttask(key, everDone.size(), graph.size());
            }
            for (String d : task.dependencies()) {
                if (!wanted.contains(d) && stored.contains(d) && allDone(dependents.get(d))) {
                    stored.remove(d);
                    toRelease.add(prefix + d);
                }
            }
            for (String user : dependents.get(key)) {
                readyIfInputsDone(user);
            }
        }

        /** The store did not have some of {@code task}'s inputs: compute them again, then the task. */
        private void lostInputs(Task task, List<String> missing) {
            state.put(task.key(), State.WAITING);
            for (String m : missing) {
                stored.remove(m);
                if (state.get(m) != State.DONE) {
                    continue; // already being recomputed for another task
                }
                int times = recomputes.merge(m, 1, Integer::sum);
                if (times > MAX_RECOMPUTES && failure == null) {
                    failure = new IllegalStateException("the value of " + m + " was lost from the cluster's store "
                            + times + " times: members keep dying, or something deletes the run's keys ("
                            + prefix + "...) from the store");
                    return;
                }
                recomputed++;
                remaining++;
                state.put(m, State.WAITING);
                readyIfInputsDone(m);
            }
            readyIfInputsDone(task.key());
        }

        private void readyIfInputsDone(String key) {
            if (state.get(key) == State.WAITING && allDone(graph.task(key).dependencies())) {
                state.put(key, State.READY);
                ready.add(key);
            }
        }

        private boolean allDone(List<String> keysToCheck) {
            for (String k : keysToCheck) {
                if (state.get(k) != State.DONE) {
                    return false;
                }
            }
            return true;
        }

        /** Sends the values released since the last call away in one message, without waiting for it. */
        private void releaseUnneeded() {
            if (toRelease.isEmpty()) {
                return;
            }
            released += toRelease.size();
            releasing.add(cluster.submit(new Batch.Release(List.copyOf(toRelease)), Placement.anywhere(), maxRetries));
            toRelease.clear();
        }

        /**
         * At the end, failed or not: deletes every value of the run still in the store, and waits
         * for that and for the releases sent before.
         */
        private void sweep() {
            var rest = new ArrayList<String>(toRelease);
            for (String k : stored) {
                rest.add(prefix + k);
            }
            released += rest.size();
            try {
                if (!rest.isEmpty()) {
                    releasing.add(cluster.submit(new Batch.Release(rest), Placement.anywhere(), maxRetries));
                }
                CompletableFuture.allOf(releasing.toArray(CompletableFuture[]::new)).join();
            } catch (RuntimeException cannotRelease) {
                if (failure == null) {
                    failure = new IllegalStateException("the run's values could not be deleted from the cluster's store"
                            + " (keys " + prefix + "...): " + cannotRelease, cannotRelease);
                }
            }
        }

        /** A task that cannot be pickled: which one, and why. */
        private RuntimeException namingTheTask(List<Task> tasks, PicklingError notSendable) {
            for (Task t : tasks) {
                try {
                    Pickle.dumps(t);
                } catch (PicklingError culprit) {
                    return new PicklingError("task " + t.key() + " [" + t.label() + "] cannot be sent to a cluster member: "
                            + culprit.getMessage() + ". The distributed scheduler pickles every task; its function, and"
                            + " everything the function captures, must be Serializable (the threads scheduler never"
                            + " pickles, so it runs there)", culprit);
                }
            }
            return notSendable;
        }
    }

    /** The task's own exception, with the task and its member attached; a checked one wrapped. */
    private static RuntimeException raised(Throwable error) {
        if (error instanceof Batch.TaskFailed failed && failed.getCause() != null) {
            Throwable own = failed.getCause();
            own.addSuppressed(new Batch.TaskFailed(failed.getMessage(), null));
            if (own instanceof RuntimeException r) {
                return r;
            }
            if (own instanceof Error e) {
                throw e;
            }
            return new IllegalStateException(failed.getMessage(), own);
        }
        return error instanceof RuntimeException r ? r : new IllegalStateException(error.toString(), error);
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
