package dev.rosetta.distributed.ray;

import dev.rosetta.distributed.ClusterMember;
import dev.rosetta.distributed.KilledWorker;
import dev.rosetta.distributed.Placement;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.RayRuntime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An actor on a Hazelcast member: its instance in that member's memory ({@link ActorHome}), its
 * calls in a mailbox here, in the driver.
 *
 * <p><b>In order, one at a time.</b> Hazelcast runs the tasks sent to one member on several
 * executor threads at once, and two tasks sent one after the other may start in either order: it
 * gives an actor no ordering of its own. So the mailbox does. Calls wait in it in the order they
 * were made; whatever is waiting is sent as one batch, and the next batch only when the last has
 * come back. The member runs a batch's calls one after another on one thread. At any moment at
 * most one batch of an actor is on its member: its calls can neither overlap nor overtake.
 *
 * <pre>
 *   call 1 ─┐                         ┌──────── member ────────┐
 *   call 2 ─┤ mailbox ──[1]──────────▶ │ run 1                  │  (2, 3, 4 wait: a batch is out)
 *   call 3 ─┤         ◀─────[r1]───── │                        │
 *   call 4 ─┘         ──[2, 3, 4]────▶ │ run 2; run 3; run 4    │
 * </pre>
 *
 * <p>Why not order them on the member, holding each call until its turn? Each call held there
 * would hold one of the member's executor threads; with more calls in flight than threads, the
 * call whose turn it is could wait behind them for a thread forever. The batch is also what
 * makes many calls cheap: 10,000 calls made at once travel in a few messages.
 *
 * <p><b>Refs as arguments.</b> A call whose ref argument is not ready holds back the calls made
 * after it, as on the local cluster, so that the order stays the order of the calls.
 *
 * <p><b>Death.</b> The calls of a batch that was out when the member died fail with
 * {@code ActorDiedError} (Ray's {@code max_task_retries=0}). Then, within {@code maxRestarts},
 * the constructor runs again on another member and the waiting calls go there, to an actor whose
 * state started over; past it, the actor is dead and every call fails with {@code ActorDiedError}.
 * A death is counted once, whether the member's departure or the lost batch says it first.
 *
 * <p>Thread-safety: every method may be called from any thread; the fields below are guarded by
 * {@code lock}; futures are completed outside it.
 */
final class HazelcastActor implements RayRuntime.RemoteActor {
    /** The most calls in one message. */
    static final int MAX_BATCH = 1_000;

    /** A call made and not yet sent. */
    private record Pending(RayRuntime.Call call, Object[] args, CompletableFuture<Object> ready) {
    }

    private final HazelcastRuntime runtime;
    private final String name;
    private final String key;
    private final PicklableCallable<?> constructor;
    private final int maxRestarts;
    private final Object lock = new Object();
    // @GuardedBy("lock") — calls not yet sent, in the order they were made
    private final ArrayDeque<Pending> mailbox = new ArrayDeque<>();
    // @GuardedBy("lock") — a batch is out: the next one waits for it to come back
    private boolean sending;
    // @GuardedBy("lock") — the ref the mailbox's first call waits for, once a callback waits on it
    private CompletableFuture<?> blockedOn;
    // @GuardedBy("lock") — the member the actor lives on; null while it is restarted
    private ClusterMember home;
    // @GuardedBy("lock")
    private int restarts;
    // @GuardedBy("lock") — why it is dead; null while it lives
    private String diedBecause;

    /** Runs the constructor on {@code home}; returns once it ran there. */
    HazelcastActor(HazelcastRuntime runtime, String name, String key, PicklableCallable<?> constructor, int maxRestarts,
                   ClusterMember home) {
        this.runtime = runtime;
        this.name = name;
        this.key = key;
        this.constructor = constructor;
        this.maxRestarts = maxRestarts;
        try {
            runtime.cluster().submit(new ActorHome.Construct(key, constructor), Placement.on(home), 0).join();
        } catch (CompletionException e) {
            throw HazelcastRuntime.actorDiedError("actor " + name + " could not be created on " + home
                    + ": its constructor raised " + e.getCause(), e.getCause());
        }
        this.home = home;
    }

    @Override
    public <R> ObjectRef<R> call(RayRuntime.Call call, Object[] args) {
        var ready = new CompletableFuture<Object>();
        ObjectRef<R> ref = HazelcastRuntime.refOf(runtime.ray(), call.name(), ready);
        for (Object arg : args) {
            if (!(arg instanceof ObjectRef<?>)) {
                Pickle.dumps(arg); // refused here, at the call, not with the batch it would travel in
            }
        }
        String dead;
        synchronized (lock) {
            dead = diedBecause;
            if (dead == null) {
                mailbox.add(new Pending(call, args, ready));
            }
        }
        if (dead != null) {
            ready.completeExceptionally(HazelcastRuntime.actorDiedError("actor " + name + " is dead (" + dead + "), so "
                    + call.name() + " cannot run. Create a new actor, or give it Options.maxRestarts(n).", null));
            return ref;
        }
        pump();
        return ref;
    }

    /** Sends what waits in the mailbox, if no batch is out and the actor has a home. */
    private void pump() {
        var batch = new ArrayList<Pending>();
        CompletableFuture<?> waitFor = null;
        ClusterMember to;
        synchronized (lock) {
            if (sending || home == null || diedBecause != null) {
                return;
            }
            while (!mailbox.isEmpty() && batch.size() < MAX_BATCH) {
                CompletableFuture<?> unready = firstUnready(mailbox.peek().args());
                if (unready != null) {
                    if (batch.isEmpty() && unready != blockedOn) {
                        blockedOn = unready;
                        waitFor = unready;
                    }
                    break;
                }
                batch.add(mailbox.poll());
            }
            to = home;
            sending = !batch.isEmpty();
        }
        if (waitFor != null) {
            waitFor.whenComplete((value, failure) -> pump());
        }
        if (!batch.isEmpty()) {
            send(batch, to);
        }
    }

    private static CompletableFuture<?> firstUnready(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref && !HazelcastRuntime.isReady(ref)) {
                return HazelcastRuntime.readinessOf(ref);
            }
        }
        return null;
    }

    private void send(List<Pending> batch, ClusterMember to) {
        var wires = new ArrayList<ActorHome.WireCall>(batch.size());
        var running = new ArrayList<Pending>(batch.size());
        for (Pending pending : batch) {
            List<Object> args = runtime.wire(pending.args(), pending.ready());
            if (args != null) { // else a ref it took failed, and so did it, without running
                wires.add(new ActorHome.WireCall(pending.call(), args, runtime.nextKey()));
                running.add(pending);
            }
        }
        if (running.isEmpty()) {
            batchBack();
            return;
        }
        CompletableFuture<ArrayList<Object>> sent;
        try {
            sent = runtime.cluster().submit(new ActorHome.Calls(key, wires), Placement.on(to), 0);
        } catch (RuntimeException refused) {
            running.forEach(pending -> pending.ready().completeExceptionally(refused));
            batchBack();
            return;
        }
        sent.whenComplete((outcomes, failure) -> {
            if (failure == null) {
                for (int i = 0; i < running.size(); i++) {
                    Object outcome = outcomes.get(i);
                    if (outcome instanceof ActorHome.Raised raised) {
                        running.get(i).ready().completeExceptionally(raised.error());
                    } else {
                        runtime.kept(outcome);
                        running.get(i).ready().complete(outcome);
                    }
                }
            } else {
                Throwable cause = HazelcastRuntime.unwrap(failure);
                String after = cause instanceof KilledWorker ? lost(to) : null;
                for (Pending pending : running) {
                    pending.ready().completeExceptionally(after == null ? cause : HazelcastRuntime.actorDiedError("actor "
                            + name + " lost its member " + to + " while it ran " + pending.call().name() + ". " + after, cause));
                }
            }
            batchBack();
        });
    }

    private void batchBack() {
        synchronized (lock) {
            sending = false;
        }
        pump();
    }

    /**
     * {@code member} left the cluster: if the actor lived there, restart it elsewhere (within
     * {@code maxRestarts}) or declare it dead. Says what happened, for the lost calls' messages.
     */
    String lost(ClusterMember member) {
        ClusterMember next = null;
        String outcome;
        List<Pending> orphans = List.of();
        synchronized (lock) {
            if (diedBecause == null && home != null && home.uuid().equals(member.uuid())) {
                home = null;
                if (restarts < maxRestarts) {
                    next = runtime.cluster().members().stream()
                            .filter(m -> !m.uuid().equals(member.uuid())).findFirst().orElse(null);
                }
                if (next != null) {
                    restarts++;
                } else {
                    orphans = die(restarts < maxRestarts ? "its member " + member + " died and no other member is left"
                            : "its member " + member + " died and maxRestarts=" + maxRestarts + " allows no more restarts");
                }
            }
            outcome = diedBecause != null ? "The actor is dead: " + diedBecause + "."
                    : "The actor was restarted (" + restarts + " of maxRestarts=" + maxRestarts
                    + "): its constructor ran again on another member, so its state started over.";
        }
        failAll(orphans);
        if (next != null) {
            restartOn(next);
        }
        return outcome;
    }

    private void restartOn(ClusterMember member) {
        runtime.cluster().submit(new ActorHome.Construct(key, constructor), Placement.on(member), 0)
                .whenComplete((pid, failure) -> {
                    List<Pending> orphans = List.of();
                    synchronized (lock) {
                        if (failure != null) {
                            orphans = die("its constructor failed when it was restarted on " + member + ": "
                                    + HazelcastRuntime.unwrap(failure));
                        } else if (diedBecause == null) {
                            home = member;
                        }
                    }
                    failAll(orphans);
                    pump();
                });
    }

    /** Marks it dead; returns the calls that were waiting, to be failed outside the lock. */
    private List<Pending> die(String reason) {
        // called holding lock
        diedBecause = reason;
        var orphans = new ArrayList<>(mailbox);
        mailbox.clear();
        return orphans;
    }

    private void failAll(List<Pending> orphans) {
        for (Pending pending : orphans) {
            pending.ready().completeExceptionally(HazelcastRuntime.actorDiedError("actor " + name + " died before it ran "
                    + pending.call().name() + ": " + diedBecauseNow(), null));
        }
    }

    private String diedBecauseNow() {
        synchronized (lock) {
            return diedBecause;
        }
    }

    /** {@code ray.kill}: calls not yet sent fail; a batch already out finishes; the instance is discarded. */
    @Override
    public void kill(String reason) {
        List<Pending> orphans;
        ClusterMember lastHome;
        synchronized (lock) {
            if (diedBecause != null) {
                return;
            }
            orphans = die(reason);
            lastHome = home;
            home = null;
        }
        failAll(orphans);
        if (lastHome != null) {
            try {
                runtime.cluster().submit(new ActorHome.Discard(key), Placement.on(lastHome), 0);
            } catch (RuntimeException clusterGone) {
                // the instance goes with its member
            }
        }
    }

    @Override
    public int restarts() {
        synchronized (lock) {
            return restarts;
        }
    }

    @Override
    public long workerPid() {
        synchronized (lock) {
            return home == null ? 0 : home.pid();
        }
    }
}
