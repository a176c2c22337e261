package dev.rosetta.threading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threading row's experiments, as the tour measures them and the examples show them: each
 * one a classic Python program run on an {@link Interpreter}, returning what it measured.
 *
 * <ul>
 *   <li>{@link #cpuBound} — Beazley's countdown: two CPU-bound threads against the same work in
 *       sequence ({@code cpu_speedup_*}).</li>
 *   <li>{@link #ioBound} — threads that block: twenty {@code time.sleep(0.1)} at once
 *       ({@code io_speedup}).</li>
 *   <li>{@link #convoy} — the latency of a short blocking call next to a CPU-bound thread
 *       ({@code convoy_p50_ms}).</li>
 *   <li>{@link #lostUpdates} — {@code x += 1} by two threads ({@code lost_updates_*}).</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; each call builds its own interpreter and joins every thread it
 * started before it returns.
 */
public final class Experiments {
    /** Instructions in one turn of {@code while n > 0: n -= 1}, besides the jump back. */
    public static final int COUNTDOWN_INSTRUCTIONS = 7;

    private Experiments() {
    }

    /**
     * {@code def countdown(n): while n > 0: n -= 1}: seven instructions and a back-edge per turn
     * ({@code LOAD_FAST n; LOAD_CONST 0; COMPARE_OP >; POP_JUMP_IF_FALSE; LOAD_FAST n;
     * LOAD_CONST 1; BINARY_OP -=; STORE_FAST n; JUMP_BACKWARD}).
     */
    public static PyCode countdown(long n) {
        return py -> {
            for (long left = n; left > 0; left--) {
                py.instructions(COUNTDOWN_INSTRUCTIONS);
                py.backEdge();
            }
        };
    }

    /**
     * What {@link #cpuBound} measured.
     *
     * @param sequentialSeconds {@code countdown(n); countdown(n)} on one thread
     * @param threadedSeconds   two threads, each {@code countdown(n)}, started together
     * @param switches          how often the GIL changed hands in the threaded run
     */
    public record CpuRun(double sequentialSeconds, double threadedSeconds, long switches) {
        /** Sequential time ÷ threaded time: 2 is perfect parallelism, 1 none, below 1 a loss. */
        public double speedup() {
            return sequentialSeconds / threadedSeconds;
        }
    }

    /**
     * Beazley's experiment: {@code countdown(n)} twice in sequence, then on two threads at once,
     * each on a fresh interpreter with a fresh lock of the given mode.
     */
    public static CpuRun cpuBound(GilMode mode, long n) throws InterruptedException {
        Objects.requireNonNull(mode, "mode");
        if (n < 1) {
            throw new IllegalArgumentException("countdown needs n >= 1, was " + n);
        }
        double sequential;
        try (var python = Interpreter.of(mode)) {
            long start = System.nanoTime();
            python.runAll("sequential", List.of(py -> {
                countdown(n).run(py);
                countdown(n).run(py);
            }));
            sequential = seconds(start);
        }
        try (var python = Interpreter.of(mode)) {
            long start = System.nanoTime();
            python.runAll("countdown", List.of(countdown(n), countdown(n)));
            return new CpuRun(sequential, seconds(start), python.gil().switches());
        }
    }

    /**
     * What {@link #ioBound} measured.
     *
     * @param sequentialSeconds one thread making every blocking call in turn
     * @param threadedSeconds   one thread per call, all started together
     */
    public record IoRun(double sequentialSeconds, double threadedSeconds) {
        /** Sequential time ÷ threaded time; the limit is the number of threads. */
        public double speedup() {
            return sequentialSeconds / threadedSeconds;
        }
    }

    /**
     * {@code threads} blocking calls of {@code block} each ({@code time.sleep}), under the 3.2+
     * GIL: one after another on one thread, then one per thread at the same time.
     */
    public static IoRun ioBound(int threads, Duration block) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Objects.requireNonNull(block, "block");
        double sequential;
        try (var python = Interpreter.of(GilMode.GIL)) {
            long start = System.nanoTime();
            python.runAll("sequential", List.of(py -> {
                for (int i = 0; i < threads; i++) {
                    py.sleep(block);
                }
            }));
            sequential = seconds(start);
        }
        try (var python = Interpreter.of(GilMode.GIL)) {
            var sleepers = new ArrayList<PyCode>();
            for (int i = 0; i < threads; i++) {
                sleepers.add(py -> py.sleep(block));
            }
            long start = System.nanoTime();
            python.runAll("sleeper", sleepers);
            return new IoRun(sequential, seconds(start));
        }
    }

    /**
     * The short blocking call of {@link #convoy}: a 50 µs wait (the OS makes it about 0.1 ms),
     * like a {@code recv} whose answer comes back from a local server. Long enough for the
     * CPU-bound thread to wake up and take the GIL meanwhile, as it does in CPython.
     */
    public static final Duration SHORT_CALL = Duration.ofNanos(50_000);

    /**
     * What {@link #convoy} measured: the latency of each short blocking call, from just before
     * the call to the moment its thread holds the GIL again, in milliseconds.
     *
     * @param latenciesMillis one figure per call
     * @param dropRequests    how many times the I/O thread had to ask for the GIL
     */
    public record Convoy(double[] latenciesMillis, long dropRequests) {
        /** The median latency in milliseconds. */
        public double p50Millis() {
            return percentile(0.5);
        }

        /** The 90th percentile latency in milliseconds. */
        public double p90Millis() {
            return percentile(0.9);
        }

        private double percentile(double p) {
            double[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
        }
    }

    /**
     * The convoy effect: an "I/O thread" makes {@code calls} short blocking calls
     * ({@link #SHORT_CALL}), each followed by a little work; with {@code withCpuThread}, a
     * CPU-bound thread runs beside it under a 3.2+ GIL with the given switch interval. Alone, a
     * call costs about its own length. Beside the CPU-bound thread, the I/O thread comes back
     * from every call to find the GIL taken, waits a whole switch interval, asks for it, and
     * only then goes on.
     */
    public static Convoy convoy(Duration switchInterval, int calls, boolean withCpuThread) throws InterruptedException {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, was " + calls);
        }
        var gil = new NewGil(switchInterval);
        double[] latencies = new double[calls];
        var done = new AtomicBoolean();
        PyCode io = py -> {
            try {
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    py.sleep(SHORT_CALL);
                    latencies[i] = (System.nanoTime() - start) / 1e6;
                    py.instructions(20);        // handle the answer
                }
            } finally {
                done.set(true);
            }
        };
        PyCode cpu = py -> {
            while (!done.get()) {
                py.instructions(COUNTDOWN_INSTRUCTIONS);
                py.backEdge();
            }
        };
        try (var python = new Interpreter(gil)) {
            python.runAll("convoy", withCpuThread ? List.of(cpu, io) : List.of(io));
        }
        return new Convoy(latencies, gil.dropRequests());
    }

    /** How each thread adds one to the shared name in {@link #lostUpdates}. */
    public enum Increment {
        /** {@code x += 1} on an int: load, add, store, with no check point in between. */
        PLAIN,
        /** {@code x += 1} where the add is a Python {@code __add__}: the call is a check point. */
        WITH_CALL,
        /** The fix: {@code with lock: x += 1}, still with the call inside. */
        WITH_LOCK;

        void once(PyThreadState py, GlobalVariable x, Lock lock) throws Exception {
            switch (this) {
                case PLAIN -> {
                    long v = x.load(py);            // LOAD_GLOBAL x
                    py.instructions(2);             // LOAD_CONST 1; BINARY_OP +=
                    x.store(py, v + 1);             // STORE_GLOBAL x
                }
                case WITH_CALL -> {
                    long v = x.load(py);            // LOAD_GLOBAL x
                    py.instruction();               // LOAD_CONST 1
                    long sum = py.call(() -> {      // BINARY_OP += calls x.__add__(1): RESUME is a check point
                        py.instructions(3);         // LOAD_FAST; LOAD_FAST; BINARY_OP
                        return v + 1;               // RETURN_VALUE
                    });
                    x.store(py, sum);               // STORE_GLOBAL x: maybe a stale value
                }
                case WITH_LOCK -> {
                    py.acquire(lock);               // with lock:
                    try {
                        WITH_CALL.once(py, x, lock);
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
    }

    /**
     * Two threads each add one to a shared name {@code perThread} times, released together;
     * how many of the {@code 2 × perThread} updates were lost.
     */
    public static long lostUpdates(GlobalInterpreterLock gil, Increment how, int perThread) throws InterruptedException {
        Objects.requireNonNull(how, "how");
        if (perThread < 1) {
            throw new IllegalArgumentException("perThread must be at least 1, was " + perThread);
        }
        var x = new GlobalVariable(0);
        var lock = new ReentrantLock();
        PyCode adder = py -> {
            for (int i = 0; i < perThread; i++) {
                how.once(py, x, lock);
                py.backEdge();
            }
        };
        try (var python = new Interpreter(gil)) {
            python.runAll("adder", List.of(adder, adder));
        }
        return 2L * perThread - x.get();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
