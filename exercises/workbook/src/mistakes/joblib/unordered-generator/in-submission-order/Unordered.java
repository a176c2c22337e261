package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: {@code next()} reads the futures in the order the tasks were given. BROKEN:
 * that is {@code return_as="generator"}, not {@code "generator_unordered"}: one slow task holds
 * back every result behind it, though they are long done. (Its {@code close()} is right.)
 */
public class Unordered<R> implements Iterator<R>, AutoCloseable {
    private final List<Future<R>> futures = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private int handedOut;
    private boolean closed; // guarded by lock
    private int running; // guarded by lock

    public Unordered(ExecutorService executor, List<Callable<R>> tasks) {
        for (Callable<R> task : tasks) {
            futures.add(executor.submit(() -> run(task)));
        }
    }

    private R run(Callable<R> task) throws Exception {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            running++;
        } finally {
            lock.unlock();
        }
        try {
            return task.call();
        } finally {
            lock.lock();
            try {
                running--;
                stopped.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            return !closed && handedOut < futures.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("every result has been handed out, or the generator is closed");
        }
        try {
            return futures.get(handedOut++).get(); // BAD: task by task, in the order given
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a result", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        futures.forEach(f -> f.cancel(true));
        lock.lock();
        try {
            while (running > 0) {
                stopped.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }
}
