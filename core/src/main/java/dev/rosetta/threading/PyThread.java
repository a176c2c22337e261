package dev.rosetta.threading;

import java.time.Duration;
import java.util.Optional;

/**
 * A started Python thread: {@code threading.Thread} once {@code start()} has been called. Made by
 * {@link Interpreter#start}; runs its {@link PyCode} on its own platform thread, holding the GIL
 * whenever it runs instructions.
 *
 * <p>As in Python, an exception that ends the thread does not reach {@link #join()}: it is kept
 * and {@link #failure()} returns it ({@code threading.excepthook} would print it).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class PyThread {
    private final String name;
    private final Thread thread;
    /** Written by the thread before it ends; read after join (Thread.join is a happens-before edge). */
    private volatile Throwable failure;

    PyThread(String name, Thread.Builder builder, Runnable body) {
        this.name = name;
        this.thread = builder.name(name).unstarted(body);
    }

    void start() {
        thread.start();
    }

    void failed(Throwable t) {
        failure = t;
    }

    /** The thread's name. */
    public String name() {
        return name;
    }

    /** Waits until the thread has ended ({@code thread.join()}). */
    public void join() throws InterruptedException {
        thread.join();
    }

    /** Waits at most {@code limit}; whether the thread has ended ({@code thread.join(timeout)}). */
    public boolean join(Duration limit) throws InterruptedException {
        return thread.join(limit);
    }

    /** Whether the thread is still running ({@code thread.is_alive()}). */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** What the thread raised, if it ended by raising. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    void interrupt() {
        thread.interrupt();
    }
}
