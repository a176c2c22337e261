package dev.rosetta.multiprocessing;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine under {@link Pool}'s API: the worker processes, the shared queue of chunks, the
 * run state, and the two threads each worker has. CPython's pool runs three handler threads
 * ({@code _handle_tasks} feeds the workers, {@code _handle_results} reads their answers,
 * {@code _handle_workers} replaces the dead); here each worker has its own feeder, the
 * <em>dispatcher</em> ({@link #dispatch}: takes chunks from the queue, as far ahead as its
 * {@link SendWindow} allows), and its own reader, the <em>collector</em> ({@link #collect}:
 * completes the chunks' futures), and the collector that sees its worker die replaces it.
 *
 * <p>Thread-safety: every method may be called from any thread; the run state and the counts
 * are guarded as written beside them.
 */
final class Workers {
    /*
     * The run state, written down as ThreadPoolExecutor's is. It only increases:
     *
     *   RUNNING -> CLOSED        close(): no new tasks; the submitted ones finish, then the workers exit
     *   RUNNING -> TERMINATED    terminate()
     *   CLOSED  -> TERMINATED    terminate(), or close() interrupted while it waits
     *
     * Only advanceTo moves it, holding lock; so a terminate() that comes between close() being
     * called and close() moving the state is never overwritten (the check-then-act race of the
     * threading workbook). A replacement worker is started only after a check of the state under
     * the same lock (replace), and terminate() waits for the replacements under way: no worker
     * starts after TERMINATED.
     */
    enum State { RUNNING, CLOSED, TERMINATED }

    private final Pool.Options options;
    private final List<String> command;
    private final ObjectInputFilter filter;
    /** The creating thread's context class loader, for reading results (see Worker). */
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final LinkedBlockingDeque<Chunk> pending = new LinkedBlockingDeque<>();
    /** Workers serving the queue. */
    private final List<Worker> serving = new CopyOnWriteArrayList<>();
    /** Every worker process started and not yet ended, serving or still starting. */
    private final List<Worker> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private final AtomicInteger workersEnded = new AtomicInteger();
    /**
     * Guards the run state's moves, the admission of chunks to the queue ({@link #enqueue}) and
     * the two counts below; notified when any of them changes.
     */
    private final Object lock = new Object();
    // @GuardedBy("lock") — chunks submitted and not yet completed
    private int outstanding;
    // @GuardedBy("lock") — replacement workers being started right now
    private int replacing;
    /** Written only by {@link #advanceTo} holding {@link #lock}; read anywhere. */
    private volatile State state = State.RUNNING;
    /** The test hooks; nothing by default. */
    volatile Interleaving interleaving = new Interleaving() { };

    /**
     * Test hooks at the points where {@link #close()}, {@link #terminate()} and a worker's end
     * meet, for tests that force an interleaving instead of hoping for it.
     */
    interface Interleaving {
        /**
         * In {@link #close()}, after it is called and before it moves the state: the window in
         * which a check-then-act close would let a {@link #terminate()} slip in.
         */
        default void beforeClosing() {
        }

        /** On a worker's results thread, after its pipe closed and before the pool decides whether to replace it. */
        default void beforeReplacing(Worker ended) {
        }
    }

    /** Starts {@code options.processes()} workers; returns when every one is ready. */
    Workers(Pool.Options options) {
        this.options = options;
        this.filter = Pickle.allowList(options.allow());
        this.command = WorkerCommand.of(options);
        var starting = new ArrayList<Worker>();
        try {
            for (int i = 0; i < options.processes(); i++) {
                starting.add(Worker.spawn(workerNumbers.incrementAndGet(), command, filter, loader));
            }
            started.addAll(starting);
            for (Worker w : starting) {
                w.handshake(options.initializer());
                begin(w);
            }
        } catch (IOException e) {
            starting.forEach(w -> w.process.destroyForcibly());
            throw new IllegalStateException("could not start the worker processes: " + e.getMessage(), e);
        }
    }

    /** How many worker processes are serving now. */
    int processes() {
        return serving.size();
    }

    /** The process ids of the serving workers. */
    List<Long> workerPids() {
        return serving.stream().map(w -> w.process.pid()).toList();
    }

    /** The pid of a worker holding a task now, or 0; for tests that kill a busy worker. */
    long busyWorkerPid() {
        return serving.stream().filter(w -> !w.inFlight.isEmpty()).mapToLong(w -> w.process.pid()).findFirst().orElse(0);
    }

    /** How many workers were started to replace ones that died or retired. */
    int workersReplaced() {
        return replaced.get();
    }

    /** Throws unless the pool is RUNNING: Python's "Pool not running". */
    void checkRunning() {
        State now = state;
        if (now != State.RUNNING) {
            throw new IllegalStateException("Pool not running: it was " + now.name().toLowerCase(Locale.ROOT)
                    + "; submit before close(), or create a new Pool");
        }
    }

    /**
     * Queues {@code chunks} for the workers, if the pool is still RUNNING: the check and the
     * count happen under the lock that moves the state, so that close() never misses a chunk
     * submitted as it closes (it would wait for nothing and stop the workers under it).
     */
    void enqueue(List<Chunk> chunks) {
        synchronized (lock) {
            checkRunning();
            outstanding += chunks.size();
            if (chunks.size() == 1) {
                pending.add(chunks.getFirst()); // wakes one dispatcher; addAll wakes them all, for one chunk
            } else {
                pending.addAll(chunks);
            }
        }
    }

    /**
     * Cancels {@code chunk} if no worker has taken it yet (Python's {@code Future.cancel()}):
     * true if it is cancelled now or was before, false once a worker has it or it is done.
     */
    boolean cancel(Chunk chunk) {
        if (chunk.cancel()) {
            // it stays in the queue until a dispatcher polls it and skips it: no O(n) removal
            chunk.result.cancel(false);
            done(1);
            return true;
        }
        return chunk.result.isCancelled();
    }

    private void begin(Worker worker) {
        serving.add(worker);
        worker.dispatcher = Thread.ofPlatform().daemon(true).name("pool-worker-" + worker.number + "-dispatch")
                .start(() -> dispatch(worker));
        Thread.ofPlatform().daemon(true).name("pool-worker-" + worker.number + "-results").start(() -> collect(worker));
    }

    /** Feeds one worker from the shared queue, as far ahead as its window allows. */
    private void dispatch(Worker worker) {
        int sent = 0;
        try {
            while (!worker.retiring && state != State.TERMINATED) {
                if (!worker.window.hasRoom()) {
                    worker.flush();
                    worker.window.awaitRoom();
                }
                Chunk chunk = pending.poll();
                if (chunk == null) {
                    worker.flush();
                    chunk = pending.poll(100, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                }
                if (!chunk.claim()) {
                    continue; // cancelled while it waited
                }
                if (!worker.process.isAlive()) {
                    chunk.requeue();
                    pending.addFirst(chunk);
                    return;
                }
                worker.inFlight.put(chunk.id, chunk);
                chunk.sentAt = System.nanoTime();
                chunk.sharedWith = worker.inFlight.size();
                try {
                    worker.sendJob(chunk, pending.isEmpty() || !worker.window.hasRoom());
                } catch (java.io.NotSerializableException e) {
                    // checked at submit, yet it failed now (it changed since?): the half-written
                    // frame leaves the pipe unreadable, so this worker is given up and replaced
                    finish(worker, chunk.id, null, new PicklingError("cannot send " + chunk.describe() + " to a worker: its"
                            + " argument holds a " + e.getMessage() + ", which is not Serializable", e));
                    worker.stoppedBecause("its pipe was broken by a half-written argument");
                    worker.process.destroyForcibly();
                    return;
                }
                if (options.maxTasksPerChild() > 0 && ++sent >= options.maxTasksPerChild()) {
                    worker.retiring = true;
                }
            }
            worker.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the pipe broke: the results thread sees the death and deals with the chunks
        }
        retireIfIdle(worker);
    }

    /** Reads one worker's answers until its pipe closes. */
    private void collect(Worker worker) {
        try {
            while (true) {
                switch (worker.read()) {
                    case null -> { }
                    case Message.Done done -> {
                        traced(worker, done.spans());
                        finish(worker, done.id(), done.results(), null);
                    }
                    case Message.Failed failed -> finish(worker, failed.id(), null, RemoteError.reRaised(failed.exception(),
                            failed.type(), describeFailure(worker, failed), failed.trace(), filter));
                    default -> { }
                }
            }
        } catch (EOFException | java.io.StreamCorruptedException ended) {
            ended(worker);
        } catch (IOException | ClassNotFoundException | PicklingError e) {
            worker.stoppedBecause("the pool could not read its answer: " + e.getMessage());
            worker.process.destroyForcibly();
            ended(worker);
        }
    }

    /** A worker's spans go into the parent's trace, on lanes named after the worker ("worker-1 (pid 1234)"). */
    private static void traced(Worker worker, List<String> spans) {
        Tracer tracer = Tracer.active();
        if (tracer == null || spans.isEmpty()) {
            return;
        }
        for (String line : spans) {
            Span span = Span.decode(line);
            tracer.record(span.onLane(new Lane(worker.traceLabel(), span.lane().thread())));
        }
    }

    private String describeFailure(Worker worker, Message.Failed failed) {
        Chunk chunk = worker.inFlight.get(failed.id());
        int index = chunk == null ? failed.index() : chunk.first + failed.index();
        return "task " + index + " raised " + failed.type() + ": " + failed.message() + " (in " + worker + ")";
    }

    private void finish(Worker worker, long id, List<Object> results, RuntimeException failure) {
        Chunk chunk = worker.inFlight.remove(id);
        if (chunk != null) {
            worker.window.finished(System.nanoTime() - chunk.sentAt, chunk.sharedWith);
            if (failure == null) {
                chunk.result.complete(results);
            } else {
                chunk.result.completeExceptionally(failure);
            }
            done(1);
        }
        retireIfIdle(worker);
    }

    private void retireIfIdle(Worker worker) {
        if (worker.retiring && worker.inFlight.isEmpty()) {
            try {
                worker.send(new Message.Stop());
            } catch (IOException alreadyGone) {
                // it is ending anyway
            }
        }
    }

    /** A worker's pipe closed: it retired, was stopped, or died holding work. */
    private void ended(Worker worker) {
        serving.remove(worker);
        started.remove(worker);
        worker.retiring = true;
        worker.dispatcher.interrupt();
        List<Chunk> lost = new ArrayList<>(worker.inFlight.values());
        worker.inFlight.clear();
        if (!lost.isEmpty()) {
            String how = worker.howItEnded();
            for (Chunk chunk : lost) {
                if (chunk.attemptsLeft > 0 && requeued(chunk)) {
                    continue;
                }
                chunk.result.completeExceptionally(new BrokenWorkerError(worker + " died (" + how + ") while it held "
                        + chunk.describe() + "; the pool started a replacement and the other tasks go on."
                        + (options.retries() == 0 ? " Pool.Options.retries(n) runs such tasks again." : ""),
                        worker.process.pid()));
                done(1);
            }
        }
        interleaving.beforeReplacing(worker);
        replace();
        workersEnded.incrementAndGet();
    }

    /**
     * Puts a chunk lost with its worker back at the head of the queue, unless the pool is
     * terminated: under the lock, so that terminate() either finds it in the queue (and cancels
     * it) or this sees TERMINATED (and the chunk fails), never neither.
     */
    private boolean requeued(Chunk chunk) {
        synchronized (lock) {
            if (state == State.TERMINATED) {
                return false;
            }
            chunk.attemptsLeft--;
            chunk.requeue();
            pending.addFirst(chunk);
            return true;
        }
    }

    /** Starts a worker in place of one that ended, if the pool is running, or closed with work left. */
    private void replace() {
        synchronized (lock) {
            boolean workLeft = !pending.isEmpty() || outstanding > 0;
            if (!(state == State.RUNNING || (state == State.CLOSED && workLeft))) {
                return;
            }
            replacing++;
        }
        try {
            Worker fresh = Worker.spawn(workerNumbers.incrementAndGet(), command, filter, loader);
            started.add(fresh);
            fresh.handshake(options.initializer());
            replaced.incrementAndGet();
            begin(fresh);
        } catch (IOException e) {
            System.err.println("multiprocessing: could not start a replacement worker: " + e.getMessage());
        } finally {
            synchronized (lock) {
                replacing--;
                lock.notifyAll();
            }
        }
    }

    private void done(int chunks) {
        synchronized (lock) {
            outstanding -= chunks;
            lock.notifyAll();
        }
    }

    /** Moves the run state forward to {@code target}; false (and no move) if it is there or past it already. */
    private boolean advanceTo(State target) {
        synchronized (lock) {
            if (state.compareTo(target) >= 0) {
                return false;
            }
            state = target;
            lock.notifyAll();
            return true;
        }
    }

    /** The run state now; for tests. */
    State state() {
        return state;
    }

    /** How many worker processes this pool has started, replacements included; for tests. */
    int workersStarted() {
        return workerNumbers.get();
    }

    /** How many worker processes have ended and been dealt with (replaced or not); for tests. */
    int workersEnded() {
        return workersEnded.get();
    }

    // ---- shutting down ----------------------------------------------------------------------

    /** {@link Pool#close()}: RUNNING -> CLOSED, wait for the submitted chunks, then let the workers exit. */
    void close() {
        interleaving.beforeClosing();
        if (!advanceTo(State.CLOSED) && state == State.TERMINATED) {
            return;
        }
        try {
            synchronized (lock) {
                while (outstanding > 0 || replacing > 0) {
                    lock.wait();
                }
            }
            stopWorkers(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate();
        }
    }

    /** {@link Pool#terminate()}: -> TERMINATED, cancel what is queued or running, kill the workers. */
    void terminate() {
        advanceTo(State.TERMINATED);
        synchronized (lock) {
            while (replacing > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Chunk chunk : pending) {
            chunk.result.completeExceptionally(new CancellationException("the pool was terminated before "
                    + chunk.describe() + " ran"));
        }
        pending.clear();
        stopWorkers(true);
        for (Worker w : List.copyOf(serving)) {
            w.inFlight.values().forEach(c -> c.result.completeExceptionally(
                    new CancellationException("the pool was terminated while " + c.describe() + " ran")));
        }
        synchronized (lock) {
            outstanding = 0;
            lock.notifyAll();
        }
    }

    private void stopWorkers(boolean kill) {
        List<Worker> stopping = List.copyOf(started);
        for (Worker w : stopping) {
            w.retiring = true;
            if (kill) {
                w.process.destroyForcibly();
            } else {
                retireIfIdle(w);
            }
        }
        for (Worker w : stopping) {
            try {
                if (!w.process.waitFor(10, TimeUnit.SECONDS)) {
                    w.process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.process.destroyForcibly();
            }
        }
    }
}
