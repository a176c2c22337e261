package dev.rosetta.asyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code asyncio} module's functions: {@code run}, {@code sleep}, {@code create_task},
 * {@code gather}, {@code wait_for}, {@code timeout}, {@code to_thread}, {@code current_task}.
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
                    if (error instanceof CancelledError) {
                        outer.superCancel(error.getMessage()); // siblings keep running, as in Python
                    } else {
                        outer.setException(error);
                    }
                    return;
                }
                results.set(index, outcome);
                if (finished[0] == size) {
                    if (outer.cancelRequested) {
                        outer.superCancel(null);
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
            return any || super.cancel(message);
        }

        void superCancel(String message) {
            super.cancel(message);
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
            throw Future.rethrowable(e);
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

    /** Python's {@code asyncio.ensure_future(coro)}: a coroutine as a task of the running loop. */
    public static <T> Future<T> ensureFuture(Coroutine<T> coroutine) {
        return createTask(coroutine);
    }
}
