package dev.rosetta.exercises.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code ray/actor-mailbox}. The workers are a {@link HeldPool}: a task handed to
 * them waits until the test starts it, on a thread of its own, oldest or newest first, so "two
 * calls ran at once" and "calls ran out of order" are forced, not hoped for. The contract, one
 * property per test:
 * <ul>
 *   <li>{@code remote} returns a ref at once; the call runs later, on a worker, not on the caller's thread.</li>
 *   <li>Calls run in the order they were made, whatever order the workers take their tasks in.</li>
 *   <li>One call at a time: while a call runs, the next does not start, though workers are free.</li>
 *   <li>A call made while the actor is busy still runs, after the ones before it.</li>
 *   <li>A call that throws fails its own ref ({@code RayTaskError}); the next call still runs.</li>
 * </ul>
 */
@TimeLimit(seconds = 30)
class ActorHandleTest {
    private final HeldPool pool = new HeldPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopEverything() throws InterruptedException {
        release.countDown();
        pool.close();
    }

    /** The actor: a log of the calls it ran, and on which thread. Touched by one call at a time (if right). */
    static final class Log {
        final List<Integer> calls = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        int record(int call) {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
            return call;
        }
    }

    /** Waits for the test's release, on a worker; on any other thread (a call run by the caller) goes on at once. */
    private void holdOnAWorker() {
        if (!Thread.currentThread().getName().startsWith("ray-worker-")) {
            return;
        }
        try {
            release.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T value(ObjectRef<T> ref) throws Exception {
        return ref.future().get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    @DisplayName("remote returns a ref at once; the call runs later, on a worker")
    void remoteReturnsAtOnce() throws Exception {
        var log = new Log();
        var actor = new ActorHandle<>(log, pool);
        ObjectRef<Integer> ref = actor.remote(a -> a.record(0));
        assertFalse(ref.isReady() || !log.calls.isEmpty(), "the workers had not run anything yet, and the call had"
                + " already run, on the caller's thread: remote must return at once and leave the call to a worker"
                + " (Counter.increment.remote() never runs increment on the caller)");
        assertEquals(1, pool.queued(), "one call made, nobody draining the mailbox: remote must hand the workers a task");
        pool.drain(false);
        assertEquals(0, value(ref), "the call's ref must hold what the method returned");
    }

    @Test
    @DisplayName("calls run in the order they were made, on the workers")
    void callsRunInOrder() throws Exception {
        var log = new Log();
        var actor = new ActorHandle<>(log, pool);
        var refs = new ArrayList<ObjectRef<Integer>>();
        for (int i = 0; i < 5; i++) {
            int call = i;
            refs.add(actor.remote(a -> a.record(call)));
        }
        pool.drainOneByOne(true); // the workers take their tasks newest first
        assertEquals(List.of(0, 1, 2, 3, 4), log.calls, "calls 0 to 4 were made in that order, and the workers took"
                + " their tasks newest first: an actor must run its calls in the order they were made, whatever"
                + " order the workers pick tasks in. One task per call (even under a lock) leaves the order to the"
                + " workers; one mailbox, drained in order, does not");
        for (String thread : log.threads) {
            assertTrue(thread.startsWith("ray-worker-"), "a call ran on thread " + thread + ": an actor's calls run"
                    + " on the cluster's workers (the executor given), never on the caller's or a thread of its own");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(i, value(refs.get(i)), "call " + i + "'s ref must hold what call " + i + " returned");
        }
    }

    @Test
    @DisplayName("one call at a time: while a call runs, the next waits")
    void oneCallAtATime() throws Exception {
        var log = new Log();
        var actor = new ActorHandle<>(log, pool);
        var running0 = new CountDownLatch(1);
        var runner0 = new AtomicReference<Thread>();
        var inside = new AtomicInteger();
        var mostInside = new AtomicInteger();
        ObjectRef<Integer> first = actor.remote(a -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            runner0.set(Thread.currentThread());
            running0.countDown();
            holdOnAWorker();
            inside.decrementAndGet();
            return a.record(0);
        });
        ObjectRef<Integer> second = actor.remote(a -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            inside.decrementAndGet();
            return a.record(1);
        });
        pool.startQueued(false);
        assertTrue(running0.await(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS), "call 0 never started though"
                + " its worker was started");
        assertTrue(Waits.until(TimeLimits.MEDIUM, () -> pool.othersQuiet(runner0.get())), "the other workers never"
                + " settled while call 0 ran");
        if (mostInside.get() > 1) {
            fail("call 1 ran while call 0 was still running, on another worker: an actor runs one call at a time, so"
                    + " its state needs no lock. Give the workers one task that drains the mailbox, never one task"
                    + " per call");
        }
        release.countDown();
        pool.drain(false);
        assertEquals(List.of(0, 1), List.of(value(first), value(second)), "both calls must run, in order");
        assertEquals(1, mostInside.get(), "never more than one call at a time");
    }

    @Test
    @DisplayName("a call made while the actor is busy still runs")
    void aCallMadeWhileBusyRuns() throws Exception {
        var log = new Log();
        var actor = new ActorHandle<>(log, pool);
        var running0 = new CountDownLatch(1);
        actor.remote(a -> {
            running0.countDown();
            holdOnAWorker();
            return a.record(0);
        });
        pool.startQueued(false);
        assertTrue(running0.await(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS), "call 0 never started");
        ObjectRef<Integer> late = actor.remote(a -> a.record(1)); // made while call 0 runs
        release.countDown();
        pool.joinStarted();
        pool.drain(false);
        if (!late.isReady()) {
            fail("call 1 was made while call 0 was running, and after call 0 and every worker task had finished, call 1"
                    + " never ran: it was left in the mailbox. Whoever drains must look at the mailbox again (under"
                    + " the lock) before it stops, and stop only when it is empty");
        }
        assertEquals(List.of(0, 1), log.calls, "calls 0 and 1, in that order");
    }

    @Test
    @DisplayName("a call that throws fails its own ref; the next call still runs")
    void aFailingCallDoesNotStopTheActor() throws Exception {
        var log = new Log();
        var actor = new ActorHandle<>(log, pool);
        var bug = new IllegalStateException("a bug in call 0");
        ObjectRef<Integer> failing = actor.remote(a -> {
            throw bug;
        });
        ObjectRef<Integer> next = actor.remote(a -> a.record(1));
        pool.drain(false);
        if (!failing.isReady() || !next.isReady()) {
            fail("call 0 raised, and then " + (failing.isReady() ? "" : "its ref never became ready and ")
                    + (next.isReady() ? "" : "call 1 never ran: ") + "the mailbox stopped at the exception. Catch"
                    + " what a call throws into its own ref (RayTaskError), and go on with the next call");
        }
        try {
            value(failing);
            fail("call 0 raised: its ref must hold the error, not a value");
        } catch (ExecutionException e) {
            RayTaskError error = assertInstanceOf(RayTaskError.class, e.getCause(), "a call that raised: its ref"
                    + " must fail with a RayTaskError");
            assertSame(bug, error.getCause(), "the RayTaskError's cause must be what the call raised");
        }
        assertEquals(1, value(next), "call 1 ran after call 0 raised: its ref must hold its value");
    }
}
