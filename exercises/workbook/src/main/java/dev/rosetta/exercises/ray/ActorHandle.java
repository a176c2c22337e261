package dev.rosetta.exercises.ray;

import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Exercise {@code ray/actor-mailbox}: an actor's mailbox — calls that return at once and run,
 * later, one at a time, in the order they were made.
 *
 * <pre>
 * &#64;ray.remote
 * class Counter:
 *     def __init__(self): self.value = 0
 *     def increment(self): self.value += 1; return self.value
 *
 * counter = Counter.remote()
 * refs = [counter.increment.remote() for _ in range(3)]   # three refs, at once
 * ray.get(refs)                                            # [1, 2, 3]: in order, never two at once
 * </pre>
 *
 * <p>Here the actor is any object, {@code actor}, and a method call is a function of it:
 * {@code handle.remote(Counter::increment)}. Write {@link #remote} so that:
 * <ul>
 *   <li>it <b>returns a ref at once</b>; the call runs later, on a thread of {@code workers}
 *       (the cluster's worker threads, shared with other actors and tasks: no thread of its
 *       own, and never on the caller's thread);</li>
 *   <li>calls run <b>in the order they were made</b>, and <b>one at a time</b> — never two
 *       at once, though {@code workers} has many threads: so the actor's state needs no lock;</li>
 *   <li>a call made while the actor is busy still runs, after the ones before it;</li>
 *   <li>a call that throws makes its ref fail with a {@link RayTaskError} (the exception as its
 *       cause), and the actor goes on with the next call.</li>
 * </ul>
 * The idea is a mailbox: a queue of calls, and at most one task on {@code workers} draining it.
 * Ray gives each actor a process of its own; a mailbox drained by a shared pool is how actor
 * libraries on the JVM (Akka) do the same with a few threads for many actors.
 *
 * <p>Tools: an {@code ArrayDeque} and a {@code boolean} guarded by a lock, a
 * {@code CompletableFuture} per call, {@link ObjectRef#of}. Chapter: docs/ray.md.
 * Hints: {@code ./rosetta learn hint ray/actor-mailbox}.
 *
 * @param <S> the actor's class
 */
public final class ActorHandle<S> {

    /** An actor {@code actor} whose calls run on {@code workers}' threads. */
    public ActorHandle(S actor, Executor workers) {
        // TODO keep them, and make the mailbox
        throw new UnsupportedOperationException("TODO: the ActorHandle constructor is not written yet");
    }

    /** {@code actor.method.remote()}: a ref to what {@code method} returns, at once; the call runs later. */
    public <R> ObjectRef<R> remote(Function<S, R> method) {
        throw new UnsupportedOperationException("TODO: ActorHandle.remote: put the call in the mailbox, and hand"
                + " workers a task to drain it unless one is draining it already");
    }
}
