package dev.rosetta.ray;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Ray's resource-based scheduling, for one local cluster: a task runs only when what it asks for
 * ({@code num_cpus}, 1 by default, and any custom resource) is free, and holds it until it ends.
 *
 * <p><b>The ledger.</b> The cluster has {@code CPU} = its number of task workers, plus the custom
 * resources it was started with. A task asking for exactly one CPU and nothing else — almost all
 * of them — needs no bookkeeping of its own while nothing else is asked for: each worker runs one
 * task at a time, so such tasks never use more CPUs than there are workers, and they go straight
 * to the pool's queue (which keeps the pipe to each worker full). They are still counted, and
 * count as {@code min(how many, CPU)} CPUs: a task that asks for more waits until enough of them
 * have finished, and while anything waits, new tasks queue behind it, first come first served.
 *
 * <p><b>More than the cluster has.</b> A task that asks for more of a resource than the whole
 * cluster has can never run here (there is no autoscaler to add a node). As in Ray, it is set
 * aside to wait — it does not block the tasks behind it — and a warning names what it asked for
 * and what the cluster has. It fails when the cluster shuts down.
 *
 * <p>Thread-safety: every method may be called from any thread; the ledger is guarded by this
 * object's lock, and tasks are started outside it, on the thread that freed their resources.
 */
final class Scheduler {
    /** What most tasks ask for: Ray's default {@code num_cpus=1}. */
    static final Map<String, Double> ONE_CPU = Map.of("CPU", 1.0);

    /** A task waiting for resources. */
    private record Waiting(String name, Map<String, Double> need, Runnable start, Consumer<RuntimeException> refuse) {
    }

    private final Map<String, Double> total;
    private final Consumer<String> warn;
    // @GuardedBy("this") — held by tasks that asked for something else than ONE_CPU
    private final Map<String, Double> held = new TreeMap<>();
    // @GuardedBy("this") — ONE_CPU tasks handed to the pool and not finished
    private int oneCpuTasks;
    // @GuardedBy("this")
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final List<Waiting> infeasible = new CopyOnWriteArrayList<>();

    /** A ledger over {@code total}; {@code warn} receives each warning (a task that cannot be scheduled). */
    Scheduler(Map<String, Double> total, Consumer<String> warn) {
        this.total = new TreeMap<>(total);
        this.warn = warn;
    }

    /** Ray's {@code ray.cluster_resources()}. */
    Map<String, Double> total() {
        return new TreeMap<>(total);
    }

    /** Ray's {@code ray.available_resources()}: what is not held now. */
    synchronized Map<String, Double> available() {
        var free = new TreeMap<String, Double>();
        total.forEach((name, amount) -> free.put(name, amount - inUse(name)));
        return free;
    }

    /**
     * Runs {@code start} once {@code need} is free (at once, on this thread, when it is) and
     * reserves it until {@link #release}. A need the cluster can never meet waits aside, with a
     * warning; {@code refuse} fails it when the cluster shuts down.
     */
    void admit(String name, Map<String, Double> need, Runnable start, Consumer<RuntimeException> refuse) {
        synchronized (this) {
            if (need.equals(ONE_CPU) && queue.isEmpty() && held.isEmpty()) {
                oneCpuTasks++; // the fast path: nothing else is asked for, the pool's workers are the limit
            } else if (!feasible(need)) {
                infeasible.add(new Waiting(name, need, start, refuse));
                warn.accept("Warning: the task " + name + " asks for " + new TreeMap<>(need) + " but the cluster has "
                        + total + " in all: it cannot be scheduled, and waits (Ray: \"No available node types can fulfill"
                        + " resource request\"). Ask for less, or start the cluster with more workers or resources.");
                return;
            } else if (queue.isEmpty() && fits(need)) {
                take(need);
            } else {
                queue.add(new Waiting(name, need, start, refuse));
                return;
            }
        }
        start.run();
    }

    /** Frees what a task held and starts the waiting tasks that now fit, in order. */
    void release(Map<String, Double> need) {
        var ready = new ArrayList<Waiting>();
        synchronized (this) {
            if (need.equals(ONE_CPU)) {
                oneCpuTasks--;
            } else {
                need.forEach((resource, amount) -> held.merge(resource, -amount, Double::sum));
                held.values().removeIf(amount -> amount <= 1e-9);
            }
            while (!queue.isEmpty() && fits(queue.peek().need())) {
                Waiting next = queue.poll();
                take(next.need());
                ready.add(next);
            }
        }
        for (Waiting task : ready) {
            try {
                task.start().run();
            } catch (RuntimeException refused) {
                task.refuse().accept(refused); // its resources were freed by whoever refused it
            }
        }
    }

    /** Fails every task still waiting: the cluster is shutting down. */
    void refuseAll(String why) {
        List<Waiting> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(queue);
            queue.clear();
        }
        waiting.addAll(infeasible);
        infeasible.clear();
        waiting.forEach(task -> task.refuse().accept(new IllegalStateException("task " + task.name() + " waited for "
                + new TreeMap<>(task.need()) + " and never ran: " + why)));
    }

    // @GuardedBy("this")
    private void take(Map<String, Double> need) {
        if (need.equals(ONE_CPU)) {
            oneCpuTasks++;
        } else {
            need.forEach((resource, amount) -> held.merge(resource, amount, Double::sum));
        }
    }

    // @GuardedBy("this")
    private boolean fits(Map<String, Double> need) {
        return need.entrySet().stream().allMatch(e -> inUse(e.getKey()) + e.getValue() <= total.getOrDefault(e.getKey(), 0.0) + 1e-9);
    }

    private boolean feasible(Map<String, Double> need) {
        return need.entrySet().stream().allMatch(e -> e.getValue() <= total.getOrDefault(e.getKey(), 0.0) + 1e-9);
    }

    // @GuardedBy("this") — one-CPU tasks beyond the CPUs are waiting in the pool's queue, using none
    private double inUse(String resource) {
        double oneCpu = resource.equals("CPU") ? Math.min(oneCpuTasks, total.getOrDefault("CPU", 0.0)) : 0;
        return held.getOrDefault(resource, 0.0) + oneCpu;
    }
}
