package dev.rosetta.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * runCoroutineThreadsafe from the test thread into a loop running on another thread, checked
 * against CPython 3.11's {@code run_coroutine_threadsafe}: result, exception, cancel, timed get.
 */
class ThreadsafeTest {
    private static final long LONG = TimeLimits.LONG.toMillis();

    private Thread loopThread;
    private EventLoop loop;
    private Event stop;

    /** A loop running on its own thread until {@link #stopTheLoop()}. */
    @BeforeEach
    void startALoop() throws Exception {
        var started = new CompletableFuture<EventLoop>();
        var stopEvent = new CompletableFuture<Event>();
        loopThread = Thread.ofPlatform().name("loop-owner").start(() -> Asyncio.run(() -> {
            var event = new Event();
            stopEvent.complete(event);
            started.complete(Asyncio.getRunningLoop());
            event.waitFor();
            return null;
        }));
        loop = started.get(LONG, TimeUnit.MILLISECONDS);
        stop = stopEvent.get(LONG, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopTheLoop() throws InterruptedException {
        loop.callSoonThreadsafe(stop::set);
        assertTrue(loopThread.join(TimeLimits.LONG), "the loop did not stop");
    }

    /** The result crosses to the calling thread (Python: fut.result(timeout=5) == 42). */
    @Test
    void resultCrosses() throws Exception {
        var future = Asyncio.runCoroutineThreadsafe(() -> {
            Asyncio.sleep(Duration.ZERO);
            return List.of(Thread.currentThread().getName().startsWith("Task-"), 42);
        }, loop);
        assertEquals(List.of(true, 42), future.get(LONG, TimeUnit.MILLISECONDS), "it must run as a task of the loop");
    }

    /** The task's exception crosses with its type (Python raises ValueError itself; the JDK wraps it). */
    @Test
    void exceptionCrosses() {
        var future = Asyncio.runCoroutineThreadsafe(() -> {
            throw new IllegalArgumentException("v");
        }, loop);
        var wrapped = assertThrows(ExecutionException.class, () -> future.get(LONG, TimeUnit.MILLISECONDS));
        assertInstanceOf(IllegalArgumentException.class, wrapped.getCause());
    }

    /** cancel() from this thread cancels the task at its await: the coroutine sees CancelledError. */
    @Test
    void cancellingTheFutureCancelsTheTask() throws Exception {
        var running = new CompletableFuture<Void>();
        var sawCancel = new CompletableFuture<String>();
        var future = Asyncio.runCoroutineThreadsafe(() -> {
            running.complete(null);
            try {
                Asyncio.sleep(Duration.ofHours(1));
            } catch (CancelledError e) {
                sawCancel.complete(e.getMessage());
                throw e;
            }
            return "never";
        }, loop);
        running.get(LONG, TimeUnit.MILLISECONDS);
        assertTrue(future.cancel(true), "Python: fut.cancel() returns True");
        assertThrows(CancellationException.class, future::get);
        assertEquals("its concurrent future was cancelled", sawCancel.get(LONG, TimeUnit.MILLISECONDS));
        int left = Asyncio.runCoroutineThreadsafe(() -> Asyncio.getRunningLoop().allTasks().size(), loop)
                .get(LONG, TimeUnit.MILLISECONDS);
        assertEquals(2, left, "only the main task and the one counting should be left");
    }

    /** A timed get that expires throws TimeoutException and cancels nothing: the task runs on. */
    @Test
    void aTimedGetCancelsNothing() throws Exception {
        var release = new CompletableFuture<Event>();
        var future = Asyncio.runCoroutineThreadsafe(() -> {
            var gate = new Event();
            release.complete(gate);
            gate.waitFor();
            return "finished after the timed get gave up";
        }, loop);
        Event gate = release.get(LONG, TimeUnit.MILLISECONDS);
        assertThrows(TimeoutException.class, () -> future.get(1, TimeUnit.MILLISECONDS));
        assertFalse(future.isDone(), "a timed get cancelled the task; Python's result(timeout) does not");
        loop.callSoonThreadsafe(gate::set);
        assertEquals("finished after the timed get gave up", future.get(LONG, TimeUnit.MILLISECONDS));
    }
}
