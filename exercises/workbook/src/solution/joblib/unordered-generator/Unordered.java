package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reference solution of {@code joblib/unordered-generator}. Each task is wrapped: the wrapper
 * checks, under the lock, that the generator is not closed and counts itself as
 * running; when the task returns it puts the result on a queue and counts itself out. So
 * {@code close()} can be exact: once {@code closed} is set, no wrapper starts the task; those
 * counted are interrupted through their futures, and {@code close()} waits until the count is 0.
 *
 * <p>Thread-safety: {@code closed} and {@code running} are guarded by {@code lock}; the results
 * queue is thread-safe; one consumer thread calls {@code hasNext}, {@code next} and {@code close}.
 */
public class Unordered<R> implements Iterator<R>, AutoCloseable {
    private final BlockingQueue<R> finished = new LinkedBlockingQueue<>();
    private final List<Future<?>> futures = new ArrayList<>();
    private final int total;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition(); // signalled when a task stops running
    private int handedOut; // read and written by the consumer thread only
    private boolean closed; // guarded by lock
    private int running; // guarded by lock

    public Unordered(ExecutorService executor, List<Callable<R>> tasks) {
        total = tasks.size();
        for (Callable<R> task : tasks) {
            futures.add(executor.submit(() -> run(task)));
        }
    }

    private Void run(Callable<R> task) throws Exception {
        lock.lock();
        try {
            if (closed) {
                return null; // closed before this task started: it never starts
            }
            running++;
        } finally {
            lock.unlock();
        }
        try {
            finished.add(task.call());
        } finally {
            lock.lock();
            try {
                running--;
                stopped.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return null;
    }

    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            return !closed && handedOut < total;
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
            R result = finished.take();
            handedOut++;
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a result", e);
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
                stopped.awaitUninterruptibly(); // they were interrupted: each returns soon
            }
        } finally {
            lock.unlock();
        }
    }
}
