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
 * Classic mistake: cancel everything and return. BROKEN: {@code cancel(true)} only asks a running
 * task to stop; {@code close()} returns while it is still running — writing a file, holding a
 * connection — and the caller, who believes it is all over, reuses or deletes what it still uses.
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
    }
}
