package dev.rosetta.exercises.joblib;

import dev.rosetta.exercises.ThreadlessExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An executor with no threads, whose tasks run when the test says so: either at once, on the
 * thread that submits them ({@code immediate}), or held in a queue until the test runs them, in
 * the order it chooses, on its own thread. It notes which task each item ran in
 * ({@link #record}), and whether someone has begun to wait on one of its futures, so that a test
 * can tell "submitted everything, then waited" from "submitted one, waited for it".
 *
 * <p>Thread-safety: the queue and the flags are guarded by {@code this}; the records are written
 * only by the thread running tasks.
 */
final class HeldExecutor extends ThreadlessExecutor {
    private final boolean immediate;
    private final List<Runnable> queued = new ArrayList<>(); // guarded by this
    private boolean someoneWaits; // guarded by this
    private final List<List<Object>> ran = new ArrayList<>();
    private final List<Object> outsideAnyTask = new ArrayList<>();
    private volatile List<Object> current;

    HeldExecutor(boolean immediate) {
        this.immediate = immediate;
    }

    /** Called by the test's function for each item: which task it ran in. */
    void record(Object item) {
        List<Object> task = current;
        (task == null ? outsideAnyTask : task).add(item);
    }

    /** The items of each task that ran, in the order the tasks ran. */
    List<List<Object>> ran() {
        return ran;
    }

    /** Items the function was applied to outside any task of this executor. */
    List<Object> outsideAnyTask() {
        return outsideAnyTask;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (!immediate) {
                queued.add(task);
                notifyAll();
                return;
            }
        }
        run(task);
    }

    private void run(Runnable task) {
        current = new ArrayList<>();
        ran.add(current);
        try {
            task.run();
        } finally {
            current = null;
        }
    }

    /** Waits until {@code count} tasks are queued, or someone waits on a future, or {@code limit} passes. */
    synchronized int awaitQueued(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (queued.size() < count && !someoneWaits) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return queued.size();
    }

    synchronized boolean someoneWaits() {
        return someoneWaits;
    }

    /** Runs every queued task on this thread, newest first or oldest first. */
    void runQueued(boolean newestFirst) {
        List<Runnable> tasks;
        synchronized (this) {
            tasks = new ArrayList<>(queued);
            queued.clear();
        }
        if (newestFirst) {
            tasks = tasks.reversed();
        }
        tasks.forEach(this::run);
    }

    private synchronized void waiting() {
        someoneWaits = true;
        notifyAll();
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new FutureTask<>(callable) {
            @Override
            public T get() throws InterruptedException, ExecutionException {
                waiting();
                return super.get();
            }

            @Override
            public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
                waiting();
                return super.get(timeout, unit);
            }
        };
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTaskFor(java.util.concurrent.Executors.callable(runnable, value));
    }

    @Override
    protected synchronized boolean idle() {
        return queued.isEmpty();
    }
}
