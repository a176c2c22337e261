package dev.rosetta.exercises;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lifecycle of a test executor that has no threads of its own — the test runs its tasks, when
 * and in the order it chooses. Shutting it down only marks it so (a test asserts that the code
 * under test left it alone); it is terminated once shut down with no task waiting. Subclasses
 * decide where the tasks wait ({@link #idle}).
 *
 * <p>Thread-safety: the flag is guarded by {@code this}; subclasses guard their queue by
 * {@code this} too, so that {@link #idle} is read under the same lock.
 */
public abstract class ThreadlessExecutor extends AbstractExecutorService {
    private boolean shutdown; // guarded by this

    /** Whether no task is waiting to be run; called holding {@code this}. */
    protected abstract boolean idle();

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && idle();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
