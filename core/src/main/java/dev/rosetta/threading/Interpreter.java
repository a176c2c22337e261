package dev.rosetta.threading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A simulated CPython process: one {@link GlobalInterpreterLock} and the Python threads that
 * share it. Each Python thread is a real platform thread, really contending for a real lock;
 * the only simulated part is the interpreter loop, written by the thread's {@link PyCode} as
 * instructions and check points.
 *
 * <pre>{@code
 * try (var python = Interpreter.of(GilMode.GIL)) {      // python3.11
 *     PyThread t = python.start("worker", py -> {        // t = Thread(target=...); t.start()
 *         for (int i = 0; i < 1_000; i++) { py.instructions(4); py.backEdge(); }
 *     });
 *     t.join();                                          // t.join()
 * }
 * }</pre>
 *
 * <p>A Python thread takes the GIL before its first instruction and drops it when its code
 * returns or raises. {@link #close()} interrupts the threads still running (they notice at
 * their next check point or blocking call) and joins them, so that nothing outlives the
 * interpreter.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Interpreter implements AutoCloseable {
    /** How long {@link #close()} waits for interrupted threads to end before it gives up. */
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final GlobalInterpreterLock gil;
    // @GuardedBy("this")
    private final List<PyThread> threads = new ArrayList<>();
    // @GuardedBy("this")
    private boolean closed;

    /** An interpreter whose threads share {@code gil}. */
    public Interpreter(GlobalInterpreterLock gil) {
        this.gil = Objects.requireNonNull(gil, "gil");
    }

    /** An interpreter with a fresh GIL of the given mode and CPython's default knobs. */
    public static Interpreter of(GilMode mode) {
        return new Interpreter(GlobalInterpreterLock.of(Objects.requireNonNull(mode, "mode")));
    }

    /** The lock this interpreter's threads share. */
    public GlobalInterpreterLock gil() {
        return gil;
    }

    /** Starts a Python thread running {@code code} ({@code Thread(target=code, name=name).start()}). */
    public PyThread start(String name, PyCode code) {
        return start(name, code, null);
    }

    /**
     * Runs each of {@code codes} on its own Python thread, named {@code name-0, name-1, ...},
     * released together (none takes the GIL before all have started), and waits for all of them.
     *
     * @throws PyThreadFailed if any raised (the first one, by thread order)
     */
    public void runAll(String name, List<PyCode> codes) throws InterruptedException {
        var gate = new CountDownLatch(1);
        var started = new ArrayList<PyThread>();
        for (int i = 0; i < codes.size(); i++) {
            started.add(start(name + "-" + i, codes.get(i), gate));
        }
        gate.countDown();
        for (PyThread t : started) {
            t.join();
        }
        for (PyThread t : started) {
            if (t.failure().isPresent()) {
                throw new PyThreadFailed(t.name(), t.failure().get());
            }
        }
    }

    private PyThread start(String name, PyCode code, CountDownLatch gate) {
        Objects.requireNonNull(code, "code");
        var box = new PyThread[1];
        Runnable body = () -> run(box[0], code, gate);
        var thread = new PyThread(name, Thread.ofPlatform(), body);
        box[0] = thread;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("cannot start Python thread '" + name + "': the interpreter is closed");
            }
            threads.removeIf(t -> !t.isAlive() && t.failure().isEmpty());
            threads.add(thread);
        }
        thread.start();
        return thread;
    }

    private void run(PyThread self, PyCode code, CountDownLatch gate) {
        try {
            if (gate != null) {
                gate.await();
            }
            var state = new PyThreadState(self.name(), gil);
            gil.take();
            code.run(state);
            if (state.workDone() == 42) {       // keeps the simulated dispatch work alive
                Thread.onSpinWait();
            }
        } catch (Throwable t) {
            self.failed(t);
        } finally {
            if (gil.isHeldByCurrentThread()) {
                gil.drop();
            }
        }
    }

    /**
     * Interrupts the Python threads still running and waits for them to end. If the calling
     * thread is interrupted while waiting, it stops waiting and keeps its interrupt status.
     *
     * @throws IllegalStateException if some did not end within 10 s (a thread spinning without
     *                               check points cannot be interrupted, in CPython either)
     */
    @Override
    public void close() {
        List<PyThread> running;
        synchronized (this) {
            closed = true;
            running = threads.stream().filter(PyThread::isAlive).toList();
        }
        running.forEach(PyThread::interrupt);
        long deadline = System.nanoTime() + CLOSE_LIMIT.toNanos();
        try {
            for (PyThread t : running) {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<String> stuck = running.stream().filter(PyThread::isAlive).map(PyThread::name).toList();
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("Python threads still running " + CLOSE_LIMIT.toSeconds()
                    + " s after close() interrupted them: " + stuck);
        }
    }

    /** A Python thread ended by raising; the cause is what it raised. */
    public static final class PyThreadFailed extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        PyThreadFailed(String thread, Throwable cause) {
            super("Python thread '" + thread + "' raised " + cause, cause);
        }
    }
}
