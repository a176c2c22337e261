package dev.rosetta.asyncio;

import dev.rosetta.common.Waiting;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The {@code asyncio} module's functions: {@code run}, {@code sleep}, {@code create_task},
 * {@code gather}, {@code shield}, {@code wait}, {@code as_completed}, {@code wait_for},
 * {@code timeout}, {@code to_thread}, {@code current_task}, {@code run_coroutine_threadsafe}.
 *
 * <pre>{@code
 * # Python                                   // Java
 * async def main():                          Asyncio.run(() -> {
 *     t = asyncio.create_task(work())            var t = Asyncio.createTask(work);
 *     await asyncio.sleep(0.1)                   Asyncio.sleep(Duration.ofMillis(100));
 *     return await t                             return t.await();
 * asyncio.run(main())                        });
 * }</pre>
 *
 * <p>Thread-safety: everything except {@link #run} must be called from a coroutine running on a
 * loop (its task's virtual thread) and acts on that loop; the methods that suspend
 * ({@link #sleep}, {@link #waitFor}, {@link #timeout}, {@link #toThread}) can only be called there.
 */
public final class Asyncio {
    /** When {@link #wait} returns (Python: {@code asyncio.FIRST_COMPLETED}, ...). */
    public enum ReturnWhen {
        /** As soon as any future is done (finished, failed or cancelled). */
        FIRST_COMPLETED,
        /** As soon as any future fails with an exception (a cancelled one does not count), else when all are done. */
        FIRST_EXCEPTION,
        /** When every future is done. */
        ALL_COMPLETED
    }

    /**
     * What {@link #wait} returns: Python's {@code (done, pending)} pair of sets.
     *
     * @param done    the futures done when {@code wait} returned
     * @param pending the others, still running: {@code wait} never cancels them
     * @param <T>     the futures' result type
     */
    public record DoneAndPending<T>(Set<Future<T>> done, Set<Future<T>> pending) {
        /** Copies the sets: a record of one instant. */
        public DoneAndPending {
            done = Set.copyOf(done);
            pending = Set.copyOf(pending);
        }
    }

    private Asyncio() {
    }

    /**
     * Python's {@code asyncio.run(main())}: a new loop runs {@code main} as a task until it
     * ends, then cancels whatever tasks remain and closes. Call it from an ordinary thread.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, false);
    }

    /** {@link #run(Coroutine)} with debug mode on or off ({@code asyncio.run(main(), debug=True)}). */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        try (var loop = new EventLoop()) {
            if (debug) {
                loop.setDebug(true);
            }
            return loop.runUntilComplete(main);
        }
    }

    /** The loop running the calling coroutine (Python: {@code asyncio.get_running_loop()}). */
    public static EventLoop getRunningLoop() {
        return EventLoop.getRunningLoop();
    }

    /** The task running the calling coroutine (Python: {@code asyncio.current_task()}), or null. */
    public static Task<?> currentTask() {
        return Task.current();
    }

    /** Python's {@code asyncio.create_task(coro)}: schedules it on the running loop. Keep the task! */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /** {@link #createTask(Coroutine)} with a name (Python: {@code create_task(coro, name=...)}). */
    public static <T> Task<T> createTask(String name, Coroutine<T> coroutine) {
        return getRunningLoop().createTask(name, coroutine);
    }

    /**
     * Python's {@code await asyncio.sleep(delay)}: suspends the calling task for {@code delay}
     * while the loop runs others. {@code Duration.ZERO} just yields: the task goes to the back
     * of the ready queue. An await point: a cancel lands here.
     */
    public static void sleep(Duration delay) {
        EventLoop loop = Task.requireCurrent(null, "Asyncio.sleep").loop;
        Future<Void> wake = loop.createFuture();
        Runnable ring = () -> {
            if (!wake.isDone()) {
                wake.setResult(null);
            }
        };
        Handle timer = delay.isPositive() ? loop.callLater(delay, ring) : loop.callSoon(ring);
        try {
            wake.await();
        } finally {
            timer.cancel();
        }
    }

    /**
     * Python's {@code asyncio.gather(*aws)}: one future of every result, in the order given.
     * The first exception fails the gather at once, <b>but the other children keep running</b>
     * (a known pain; {@link TaskGroup} cancels them). Cancelling the gather cancels the children.
     *
     * <p>A cancelled child fails the gather as CPython's does: awaiting it throws
     * {@link CancelledError}, yet {@code isCancelled()} is false and {@code exception()} returns
     * that {@code CancelledError}; the same after {@code gather.cancel()}, once the children end.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Future<? extends T>... children) {
        var list = new ArrayList<Future<? extends T>>(children.length);
        for (Future<? extends T> child : children) {
            list.add(child);
        }
        return gather(list);
    }

    /** {@link #gather(Future[])} over a list. */
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> children) {
        @SuppressWarnings("unchecked")
        Future<List<T>> outer = (Future<List<T>>) (Future<?>) gatherAll(false, children);
        return outer;
    }

    /**
     * Python's {@code asyncio.gather(*aws, return_exceptions=True)} (with {@code true}): waits for
     * every child; a failed child's place in the list holds its exception (a cancelled child's,
     * a {@link CancelledError}). With {@code false}, as {@link #gather(List)}.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, List<? extends Future<?>> children) {
        return gatherAll(returnExceptions, children);
    }

    private static Future<List<Object>> gatherAll(boolean returnExceptions, List<? extends Future<?>> children) {
        EventLoop loop = children.isEmpty() ? getRunningLoop() : children.getFirst().loop;
        var outer = new GatheringFuture(loop, children);
        int size = children.size();
        if (size == 0) {
            outer.setResult(List.of());
            return outer;
        }
        var results = new ArrayList<Object>(size);
        for (int i = 0; i < size; i++) {
            results.add(null);
        }
        int[] finished = {0};
        for (int i = 0; i < size; i++) {
            int index = i;
            children.get(i).addDoneCallback(child -> {
                finished[0]++;
                if (outer.isDone()) {
                    if (!child.isCancelled()) {
                        child.exception(); // seen: the gather has already reported
                    }
                    return;
                }
                Object outcome;
                if (child.isCancelled()) {
                    outcome = new CancelledError("child " + index + " of gather was cancelled");
                } else {
                    Throwable error = child.exception();
                    outcome = error != null ? error : child.result();
                }
                if (outcome instanceof Throwable error && !returnExceptions) {
                    // a cancelled child fails the gather with its CancelledError (siblings keep running):
                    // CPython's outer future then says cancelled() False, exception() CancelledError
                    outer.finishWithException(error);
                    return;
                }
                results.set(index, outcome);
                if (finished[0] == size) {
                    if (outer.cancelRequested) {
                        outer.finishWithException(new CancelledError("the gather was cancelled")); // as CPython
                    } else {
                        outer.setResult(results);
                    }
                }
            });
        }
        return outer;
    }

    /** The future gather returns: cancelling it cancels every child (Python's {@code _GatheringFuture}). */
    private static final class GatheringFuture extends Future<List<Object>> {
        private final List<? extends Future<?>> children;
        boolean cancelRequested;

        GatheringFuture(EventLoop loop, List<? extends Future<?>> children) {
            super(loop);
            this.children = children;
        }

        @Override
        public boolean cancel(String message) {
            if (isDone()) {
                return false;
            }
            boolean any = false;
            for (Future<?> child : children) {
                any |= child.cancel(message);
            }
            cancelRequested |= any;
            return any; // the outer future finishes when its children's callbacks have run
        }
    }

    /**
     * Python's {@code asyncio.shield(aw)}: a new future that mirrors {@code inner}, except that
     * cancelling it (or the task awaiting it) <b>does not cancel {@code inner}</b>, which runs on.
     * The awaiting task still gets its {@link CancelledError}; only the work is protected. If
     * {@code inner} is cancelled itself, the shield is cancelled too; if {@code inner} is already
     * done, it is returned as it is (all as CPython 3.11). Keep a reference to {@code inner}.
     *
     * <pre>{@code
     * # res = await asyncio.shield(save(record))   var res = Asyncio.shield(saving).await();
     * }</pre>
     */
    public static <T> Future<T> shield(Future<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        Consumer<Future<T>> innerDone = done -> {
            if (outer.isCancelled()) {
                if (!done.isCancelled()) {
                    done.exception(); // seen: nobody is left to report it to
                }
                return;
            }
            done.copyOutcomeTo(outer);
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(done -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /**
     * Python's {@code done, pending = await asyncio.wait(fs, timeout=..., return_when=...)}: suspends
     * until {@code returnWhen} is met or {@code timeout} (null: none) has passed, then splits the
     * futures into done and pending. It <b>cancels nothing</b>, neither on a timeout nor when the
     * caller is cancelled, and throws no {@link TimeoutError}: what is still running is in
     * {@code pending}, yours to await or cancel. Futures that finish in the same loop turn as
     * the first are all in {@code done}. An await point, even when every future is already done.
     *
     * @throws IllegalArgumentException if {@code futures} is empty (Python's {@code ValueError})
     */
    public static <T> DoneAndPending<T> wait(Collection<? extends Future<T>> futures, Duration timeout,
            ReturnWhen returnWhen) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        var fs = new LinkedHashSet<Future<T>>(futures);
        EventLoop loop = Task.requireCurrent(fs.iterator().next().loop, "Asyncio.wait").loop;
        Future<Void> waiter = loop.createFuture();
        Handle timer = timeout == null ? null : loop.callLater(timeout, () -> release(waiter));
        int[] remaining = {fs.size()};
        Consumer<Future<T>> onCompletion = f -> {
            remaining[0]--;
            if (remaining[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null) {
                release(waiter);
            }
        };
        for (Future<T> f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            waiter.await();
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (Future<T> f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        var done = new LinkedHashSet<Future<T>>();
        var pending = new LinkedHashSet<Future<T>>();
        for (Future<T> f : fs) {
            (f.isDone() ? done : pending).add(f);
        }
        return new DoneAndPending<>(done, pending);
    }

    /** {@link #wait(Collection, Duration, ReturnWhen)} with no timeout, until all are done ({@code asyncio.wait(fs)}). */
    public static <T> DoneAndPending<T> wait(Collection<? extends Future<T>> futures) {
        return wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    private static void release(Future<Void> waiter) {
        if (!waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    /**
     * Python 3.11's {@code for next in asyncio.as_completed(fs, timeout=...): result = await next}:
     * as many futures as {@code futures}, handed out in order; the k-th one, awaited, gives the
     * outcome of the k-th of {@code futures} to finish (its result, its exception, or a
     * {@link CancelledError}). After {@code timeout} (null: none) every one not yet resolved throws
     * {@link TimeoutError}; the late futures are <b>not</b> cancelled. The clock starts when the
     * iteration does. One iteration per call, as Python's generator.
     *
     * <pre>{@code
     * for (Future<String> next : Asyncio.asCompleted(tasks, null)) {
     *     String earliest = next.await();
     * }
     * }</pre>
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures, Duration timeout) {
        var todo = new LinkedHashSet<Future<T>>(futures);
        boolean[] started = {false};
        return () -> {
            if (started[0]) {
                throw new IllegalStateException("asCompleted can be iterated once, as Python's generator");
            }
            started[0] = true;
            return new CompletionOrder<>(todo, timeout);
        };
    }

    /** The iteration of {@link #asCompleted}: finished futures queue up, promises wait for the next to finish. */
    private static final class CompletionOrder<T> implements Iterator<Future<T>> {
        private final Set<Future<T>> todo;
        private final ArrayDeque<Future<T>> finished = new ArrayDeque<>();
        private final ArrayDeque<Future<T>> promised = new ArrayDeque<>();
        private final Consumer<Future<T>> onCompletion = this::completed;
        private int left;
        private boolean timedOut;
        private Handle timer;

        CompletionOrder(Set<Future<T>> todo, Duration timeout) {
            this.todo = todo;
            this.left = todo.size();
            for (Future<T> f : todo) {
                f.addDoneCallback(onCompletion);
            }
            if (!todo.isEmpty() && timeout != null) {
                timer = todo.iterator().next().loop.callLater(timeout, this::expire);
            }
        }

        private void completed(Future<T> f) {
            if (!todo.remove(f)) {
                return; // the timeout was here first
            }
            Future<T> promise = promised.poll();
            if (promise == null) {
                finished.add(f);
            } else {
                f.copyOutcomeTo(promise);
            }
            if (todo.isEmpty() && timer != null) {
                timer.cancel();
            }
        }

        private void expire() {
            for (Future<T> f : todo) {
                f.removeDoneCallback(onCompletion);
            }
            todo.clear();
            timedOut = true;
            for (Future<T> promise : promised) {
                promise.setException(timeoutError());
            }
            promised.clear();
        }

        private static TimeoutError timeoutError() {
            return new TimeoutError("asCompleted: its timeout passed before this future finished");
        }

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public Future<T> next() {
            if (left == 0) {
                throw new NoSuchElementException("asCompleted hands out one future per future given");
            }
            left--;
            Future<T> next = finished.poll();
            if (next != null) {
                return next; // already done: awaiting it returns at once
            }
            Future<T> promise = new Future<>(loop());
            if (timedOut) {
                promise.setException(timeoutError());
            } else {
                promised.add(promise);
            }
            return promise;
        }

        private EventLoop loop() {
            return Task.requireCurrent(null, "asCompleted").loop;
        }
    }

    /**
     * Python's {@code await asyncio.wait_for(aw, timeout)}: the future's result if it is done in
     * time; otherwise it is <b>cancelled, and awaited until it has finished cancelling</b>, and a
     * {@link TimeoutError} is thrown. Cancelling the caller cancels the future too.
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        Task<?> caller = Task.requireCurrent(future.loop, "Asyncio.waitFor");
        boolean[] expired = {false};
        Handle timer = future.loop.callLater(timeout, () -> {
            if (!future.isDone()) {
                expired[0] = true;
                future.cancel("wait_for timed out");
            }
        });
        try {
            return future.await();
        } catch (CancelledError e) {
            if (expired[0] && future.isCancelled() && caller.cancelling() == 0) {
                throw new TimeoutError("not done within " + timeout + ": " + future + " was cancelled");
            }
            throw e;
        } finally {
            timer.cancel();
        }
    }

    /** {@link #waitFor(Future, Duration)} for a coroutine, which becomes a task. */
    public static <T> T waitFor(Coroutine<T> coroutine, Duration timeout) {
        return waitFor(createTask(coroutine), timeout);
    }

    /**
     * Python 3.11's {@code async with asyncio.timeout(delay): body}: runs {@code body} in the
     * calling task; if it is still running after {@code delay}, the task is cancelled at its
     * current await point, and the cancellation is turned into a {@link TimeoutError} here.
     */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        Task<?> task = Task.requireCurrent(null, "Asyncio.timeout");
        boolean[] expired = {false};
        Handle timer = task.loop.callLater(delay, () -> {
            if (!task.isDone()) {
                expired[0] = true;
                task.cancel("timeout");
            }
        });
        try {
            T value = body.run();
            if (expired[0]) {
                task.uncancel(); // the deadline passed as the body finished: withdraw its pending cancel
            }
            return value;
        } catch (CancelledError e) {
            if (expired[0] && task.uncancel() == 0) {
                throw new TimeoutError("the block did not finish within " + delay);
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Waiting.rethrowable(e);
        } finally {
            timer.cancel();
        }
    }

    /**
     * Python's {@code await asyncio.to_thread(fn)}: runs the blocking {@code call} on the loop's
     * default thread pool and suspends the task until it returns, so that the loop keeps running
     * other tasks meanwhile. The fix for a blocking call inside a coroutine. {@code call} runs on a
     * pool thread ({@code asyncio-to-thread-N}); cancelling the await does not stop it.
     */
    public static <T> T toThread(Callable<T> call) {
        EventLoop loop = Task.requireCurrent(null, "Asyncio.toThread").loop;
        return loop.runInExecutor(null, call).await();
    }

    /**
     * Python's {@code asyncio.run_coroutine_threadsafe(coro, loop)}: from <b>another thread</b>,
     * schedules {@code coroutine} as a task on {@code loop} and returns a thread-safe future of its
     * outcome (Python's {@code concurrent.futures.Future}; here the JDK's
     * {@link CompletableFuture}). The task's result, exception or cancellation is copied into it;
     * cancelling it ({@code cancel(...)}, from any thread) cancels the task at its await point, and
     * a coroutine not yet started never runs. A timed {@code get} that expires cancels nothing.
     *
     * <pre>{@code
     * # fut = asyncio.run_coroutine_threadsafe(fetch(), loop)    var fut = Asyncio.runCoroutineThreadsafe(fetch, loop);
     * # fut.result(timeout=5)                                     fut.get(5, TimeUnit.SECONDS);
     * }</pre>
     *
     * <p>Differences from Python's future: {@code get()} wraps the task's exception in an
     * {@link java.util.concurrent.ExecutionException} (Python's {@code result()} raises it as it
     * is: use {@code getCause()}), and a timed-out {@code get} throws the JDK's checked
     * {@link java.util.concurrent.TimeoutException}. Stages chained on it without an executor run
     * on the loop thread, which completes it: keep them short, or use the {@code *Async} variants.
     * Never block on it from the loop's own thread: the loop would wait for itself.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        var outcome = new CompletableFuture<T>();
        loop.callSoonThreadsafe(() -> {
            if (outcome.isDone()) {
                return; // cancelled before it started: it never runs
            }
            Task<T> task = loop.createTask(coroutine);
            task.addDoneCallback(done -> {
                if (done.isCancelled()) {
                    outcome.cancel(false);
                } else if (done.exception() != null) {
                    outcome.completeExceptionally(done.exception());
                } else {
                    outcome.complete(done.result());
                }
            });
            outcome.whenComplete((value, error) -> {
                if (outcome.isCancelled() && !loop.isClosed()) {
                    loop.callSoonThreadsafe(() -> task.cancel("its concurrent future was cancelled"));
                }
            });
        });
        return outcome;
    }

    /** Python's {@code asyncio.ensure_future(coro)}: a coroutine as a task of the running loop. */
    public static <T> Future<T> ensureFuture(Coroutine<T> coroutine) {
        return createTask(coroutine);
    }
}
