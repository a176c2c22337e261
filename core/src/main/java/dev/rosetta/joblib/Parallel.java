package dev.rosetta.joblib;

import dev.rosetta.common.Waiting;
import dev.rosetta.futures.BrokenProcessPool;
import dev.rosetta.futures.FuturesTimeout;
import dev.rosetta.futures.ProcessPoolExecutor;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * joblib's {@code Parallel(n_jobs=...)(delayed(f)(x) for x in xs)}: run many small calls on a
 * few workers, in batches, and hand the results back in order.
 *
 * <pre>{@code
 * // Python:  with Parallel(n_jobs=2) as parallel:
 * //              roots = parallel(delayed(sqrt)(i) for i in range(100_000))
 * try (var parallel = new Parallel(2)) {
 *     List<Double> roots = parallel.call(LongStream.range(0, 100_000).mapToObj(i -> delayed(Math::sqrt, (double) i)).toList());
 * }
 * }</pre>
 *
 * <p><b>How it works.</b> The input is read lazily: at first only {@code preDispatch} tasks
 * (joblib's {@code '2*n_jobs'}) are taken from it and sent as batches; each time a batch
 * finishes, one more batch is taken and sent. So an input far larger than memory streams through.
 * A batch is several tasks sent to one worker as one message; its size is fixed, or chosen by
 * {@link AutoBatching} (joblib's {@code batch_size='auto'}) from how long batches take. When the
 * input runs out, the last tasks are cut into smaller batches, so that every worker gets a share.
 *
 * <p>While the caller is behind — more than {@code preDispatch} results wait for it, as a slow
 * consumer of a generator makes happen — no new batch is sent until it takes some: memory stays
 * bounded even for an endless input.
 *
 * <p><b>Results</b> come back as a list ({@link #call}), as an ordered stream while work goes on
 * ({@link #generator}: joblib's {@code return_as="generator"}) or in the order they finish
 * ({@link #generatorUnordered}). <b>Errors</b>: the first failure wins; dispatching stops, tasks
 * not yet started are cancelled, and the caller gets a {@link TaskError} naming the task, with the
 * task's exception as its cause and every result already computed. {@code timeout} bounds how long
 * the caller waits for the next result; running out of it is a {@link TaskError} whose cause is a
 * {@link FuturesTimeout}.
 *
 * <p><b>Workers</b> (see {@link Backend}) are started on the first call and reused by every call
 * of this object until {@link #close()}: joblib's {@code with Parallel(...) as parallel:}. So is
 * the batch size auto-batching has learned: a second call starts where the first one ended,
 * rather than at one task per batch again (as in joblib, inside the {@code with} block). With
 * one worker ({@code nJobs} 1 or {@code null}) or {@link Backend#SEQUENTIAL}, tasks run one after
 * another in the caller's thread and no worker is started.
 *
 * <p>Thread-safety: one call at a time per {@code Parallel}; the streams it returns are for one
 * consumer thread.
 */
public final class Parallel implements AutoCloseable {
    /**
     * Batches in flight per worker once the first has finished: its own and one queued behind it,
     * so that a worker starts its next batch without waiting for the round trip that sends it.
     */
    private static final int AHEAD = 2;
    private static final Pattern TIMES_N_JOBS = Pattern.compile("\\s*(\\d+)\\s*\\*\\s*n_jobs\\s*");

    /**
     * The arguments of joblib's {@code Parallel(...)}.
     *
     * @param nJobs       workers, by joblib's rules ({@link NJobs}); null is Python's None (one)
     * @param backend     where the batches run
     * @param batchSize   tasks per batch; 0 for joblib's {@code 'auto'}
     * @param preDispatch how many tasks to take from the input before the first result:
     *                    {@code "2*n_jobs"}, {@code "all"} or a number
     * @param verbose     0 for silence; 1–10 print progress lines more and more often, above 10 all
     * @param timeout     how long to wait for the next result, or null for ever
     * @param out         where progress lines go
     * @param allow       extra class patterns a worker's results may have (see {@link Pool.Options#allow})
     * @param progressBar a bar of tasks done, rate and time left, redrawn in place on {@code out}
     *                    while the call runs — only when this program runs in a terminal
     */
    public record Options(Integer nJobs, Backend backend, int batchSize, String preDispatch, int verbose,
                          Duration timeout, PrintStream out, List<String> allow, boolean progressBar) {
        public Options {
            NJobs.effective(nJobs); // fails now on nJobs == 0, naming the rule
            if (batchSize < 0) {
                throw new IllegalArgumentException("batchSize must be 0 (auto) or a positive number of tasks, was "
                        + batchSize);
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive (or null to wait for ever), was " + timeout);
            }
            preDispatchAmount(preDispatch, 1); // fails now on a malformed value
            allow = List.copyOf(allow);
        }

        /** {@code Parallel(n_jobs=nJobs)} with joblib's defaults: loky, auto batches, '2*n_jobs'. */
        public static Options nJobs(Integer nJobs) {
            return new Options(nJobs, Backend.LOKY, 0, "2*n_jobs", 0, null, System.out, List.of(), false);
        }

        public Options backend(Backend b) {
            return new Options(nJobs, b, batchSize, preDispatch, verbose, timeout, out, allow, progressBar);
        }

        public Options batchSize(int tasks) {
            return new Options(nJobs, backend, tasks, preDispatch, verbose, timeout, out, allow, progressBar);
        }

        public Options preDispatch(String amount) {
            return new Options(nJobs, backend, batchSize, amount, verbose, timeout, out, allow, progressBar);
        }

        public Options verbose(int level, PrintStream to) {
            return new Options(nJobs, backend, batchSize, preDispatch, level, timeout, to, allow, progressBar);
        }

        public Options timeout(Duration t) {
            return new Options(nJobs, backend, batchSize, preDispatch, verbose, t, out, allow, progressBar);
        }

        public Options allow(String... patterns) {
            return new Options(nJobs, backend, batchSize, preDispatch, verbose, timeout, out, List.of(patterns), progressBar);
        }

        /** A progress bar while the call runs, when in a terminal (joblib has none: issue #972). */
        public Options progressBar(boolean on) {
            return new Options(nJobs, backend, batchSize, preDispatch, verbose, timeout, out, allow, on);
        }
    }

    private final Options options;
    private final int workers;
    private final LongSupplier clock;
    private ExecutorService executor;
    private boolean closed;
    /**
     * {@code batch_size='auto'}'s controller. Like joblib inside {@code with Parallel(...) as
     * parallel:}, what it has learned carries over from one call to the next of this object (joblib
     * resets it when the {@code with} block ends; here, at {@link #close()}).
     */
    private AutoBatching batching = new AutoBatching();
    /** The last batch function made for a shared function: reused, so that the pool sends it to each worker once. */
    private RunBatch sharedBatch = RunBatch.EACH_ITS_OWN;

    /** {@code Parallel(n_jobs=nJobs)}, joblib's defaults otherwise. */
    public Parallel(Integer nJobs) {
        this(Options.nJobs(nJobs));
    }

    public Parallel(Options options) {
        this(options, System::nanoTime);
    }

    /** With the clock that times batches for {@link AutoBatching} (tests inject one). */
    Parallel(Options options, LongSupplier nanoClock) {
        this.options = options;
        this.workers = NJobs.effective(options.nJobs());
        this.clock = nanoClock;
    }

    /** How many workers this uses (its {@code nJobs}, by joblib's rules). */
    public int workers() {
        return workers;
    }

    /** Runs every task; the results in the order of the tasks ({@code return_as="list"}). */
    @SuppressWarnings("unchecked")
    public <R> List<R> call(Iterable<? extends Delayed<?, ? extends R>> tasks) {
        var results = new ArrayList<R>(tasks instanceof Collection<?> known ? known.size() : 10);
        // a list keeps every result anyway: its caller is woken once, at the end, not per batch
        try (Results<R> stream = start(tasks, true, options.timeout() == null)) {
            if (stream instanceof Parallel.Run<R> run) {
                run.forEachBatch(batch -> results.addAll((List<R>) batch));
            } else {
                stream.forEachRemaining(results::add);
            }
        } catch (TaskError e) {
            for (int i = 0; i < results.size(); i++) {
                e.completed().put(i, results.get(i)); // handed out before the failure: not lost either
            }
            throw e;
        }
        return results;
    }

    /** The results in the order of the tasks, each as soon as it and all before it are done. */
    public <R> Results<R> generator(Iterable<? extends Delayed<?, ? extends R>> tasks) {
        return start(tasks, true, false);
    }

    /** The results in the order they finish ({@code return_as="generator_unordered"}). */
    public <R> Results<R> generatorUnordered(Iterable<? extends Delayed<?, ? extends R>> tasks) {
        return start(tasks, false, false);
    }

    /** Stops the workers (after the tasks they are running). */
    @Override
    public void close() {
        closed = true;
        batching = new AutoBatching();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    private <R> Results<R> start(Iterable<? extends Delayed<?, ? extends R>> tasks, boolean ordered, boolean collectAll) {
        if (closed) {
            throw new IllegalStateException("this Parallel is closed: its workers are gone; make a new one");
        }
        boolean sequential = workers == 1 || options.backend() == Backend.SEQUENTIAL;
        String backendName = sequential ? "SequentialBackend" : options.backend() == Backend.THREADING
                ? "ThreadingBackend" : "LokyBackend";
        boolean terminal = System.console() != null && System.console().isTerminal();
        var progress = new Progress(options.verbose(), options.out(), options.nJobs(), clock,
                options.progressBar() && terminal);
        progress.say("Using backend " + backendName + " with " + (sequential ? 1 : workers) + " concurrent workers.");
        Iterator<? extends Delayed<?, ? extends R>> source = tasks.iterator();
        if (sequential) {
            return new InCaller<>(source, progress);
        }
        if (executor == null) {
            executor = options.backend() == Backend.THREADING
                    ? Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("joblib-worker-", 1).factory())
                    : new ProcessPoolExecutor(Pool.Options.processes(workers).allow(options.allow().toArray(String[]::new)));
        }
        // a list already in memory is sliced by index: its batches are views of it, nothing is copied
        List<? extends Delayed<?, ? extends R>> list = tasks instanceof List<? extends Delayed<?, ? extends R>> l
                && tasks instanceof java.util.RandomAccess ? l : null;
        return new Run<>(source, list, ordered, collectAll, progress);
    }

    static int preDispatchAmount(String preDispatch, int workers) {
        if (preDispatch.strip().equals("all")) {
            return Integer.MAX_VALUE;
        }
        Matcher m = TIMES_N_JOBS.matcher(preDispatch);
        if (m.matches()) {
            return Math.max(1, Integer.parseInt(m.group(1)) * workers);
        }
        try {
            int n = Integer.parseInt(preDispatch.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("preDispatch '" + preDispatch + "' is not understood: give a positive number"
                + " of tasks, 'K*n_jobs' (the default is '2*n_jobs') or 'all'");
    }

    /**
     * The results of one call, as they come: an {@link Iterator}, and {@link AutoCloseable} —
     * closing it before the end cancels the tasks not started yet and drops the rest.
     */
    public interface Results<R> extends Iterator<R>, AutoCloseable {
        @Override
        void close();
    }

    // ---- one call on workers ------------------------------------------------------------------

    /**
     * Some consecutive tasks sent to one worker as one message. {@code calls} is a view of the
     * slice read from the input ({@link Run#dispatchOne}): cutting a slice into batches copies
     * nothing.
     */
    private record Batch(int first, List<Delayed<?, ?>> calls) {
        String describe(int i) {
            return "task #" + (first + i) + " " + calls.get(i);
        }

        String describeAll() {
            return "the batch of " + calls.size() + " task(s) from task #" + first + " (" + calls.getFirst()
                    + (calls.size() > 1 ? ", ..." : "") + ")";
        }
    }

    /**
     * What a worker runs for a batch: each call in turn. A failure stops the batch; it is
     * returned (not thrown) as the last element, so that the results before it and the index of
     * the failing task reach the caller.
     *
     * <p>When every task of a batch calls the same function (the usual case: {@code delayed(f)(x)
     * for x in xs}), the batch is sent as that function — once per worker: the pool remembers it —
     * and a list of bare arguments, so that a number crosses the pipe as a few bytes rather than as
     * a serialised object ({@code shared} is the function). Otherwise the items are the
     * {@link Delayed} calls themselves ({@code shared} is null).
     */
    private record RunBatch(PicklableFunction<Object, Object> shared)
            implements PicklableFunction<List<Object>, List<Object>> {
        @Serial
        private static final long serialVersionUID = 1L;
        /** For a batch of calls to different functions. */
        static final RunBatch EACH_ITS_OWN = new RunBatch(null);

        @Override
        public List<Object> apply(List<Object> items) {
            Tracer tracer = Tracer.active(); // null unless a timeline is being recorded: no cost when off
            if (tracer == null) {
                return runAll(items);
            }
            Object first = shared == null ? items.getFirst() : FunctionNames.of(shared) + "(" + items.getFirst() + ")";
            try (var span = tracer.span("batch of " + items.size(), Map.of(Span.KIND, "joblib batch",
                    "tasks", Integer.toString(items.size()), "first", String.valueOf(first)))) {
                return runAll(items);
            }
        }

        private List<Object> runAll(List<Object> items) {
            var results = new ArrayList<Object>(items.size()); // an ArrayList: the pool's wire sends it element by element
            for (int i = 0, n = items.size(); i < n; i++) {
                Object item = items.get(i);
                try {
                    results.add(shared == null ? ((Delayed<?, ?>) item).call() : shared.apply(item));
                } catch (Exception e) {
                    results.add(new Failed(e));
                    break;
                }
            }
            return results;
        }
    }

    /** A task's failure, as it crosses back from a worker: the exception itself, if in this JVM. */
    static final class Failed implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final String description;
        final String trace;
        final transient Throwable original;

        Failed(Throwable e) {
            this.original = e;
            this.description = e.toString();
            var text = new StringWriter();
            e.printStackTrace(new java.io.PrintWriter(text));
            this.trace = text.toString();
        }

        Throwable cause() {
            return original != null ? original : new WorkerTraceback(description, trace);
        }
    }

    /** A task's exception from a worker process: its type and message, and its trace as text. */
    static final class WorkerTraceback extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        WorkerTraceback(String description, String trace) {
            super(description + "\n--- the worker's traceback ---\n" + trace.strip(), null, false, false);
        }
    }

    /**
     * One call on the workers. The input is read, and batches are sent, under {@code lock}, by
     * whichever thread holds it: the caller at the start, then the thread that handles a finished
     * batch (joblib dispatches from its completion callbacks too). Finished batches are queued
     * and handled one at a time ({@link #drain}), never recursively inside a submit.
     */
    private final class Run<R> implements Results<R> {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final Iterator<? extends Delayed<?, ? extends R>> source;
        /** The input itself when it is a random-access list (read by index, not through {@code source}); else null. */
        private final List<? extends Delayed<?, ? extends R>> list;
        private final boolean ordered;
        /**
         * The caller wants every result ({@link #call}): it is woken when the run is over (or
         * failed), not at each batch, and dispatching never waits for it.
         */
        private final boolean collectAll;
        private final Progress progress;
        private final ArrayDeque<Batch> ready = new ArrayDeque<>();
        private final Set<CompletableFuture<?>> running = new HashSet<>();
        /** Finished batches not handed out yet, by the index of their first task. */
        private final TreeMap<Integer, List<Object>> done = new TreeMap<>();
        /** The batch being handed out, and how far: the caller takes results from it without the map. */
        private List<Object> current = List.of();
        private int currentFirst;
        private int currentAt;
        /** Results in {@code done} and {@code current} that the caller has not taken. */
        private int waiting;
        private final ConcurrentLinkedQueue<Runnable> finished = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private int initialLeft;
        /** At most this many results wait for the caller before dispatching pauses (preDispatch's amount). */
        private final int backlog;
        private int paused;
        private int taken;
        private int completedTasks;
        private int nextOut;
        private RuntimeException failure;
        /** The failure came from the pool breaking, not from a batch of this call: the batch that broke it may still report. */
        private boolean failureIsKnockOn;
        private boolean stopped;

        Run(Iterator<? extends Delayed<?, ? extends R>> source, List<? extends Delayed<?, ? extends R>> list,
            boolean ordered, boolean collectAll, Progress progress) {
            this.source = source;
            this.list = list;
            this.ordered = ordered;
            this.collectAll = collectAll;
            this.progress = progress;
            this.initialLeft = preDispatchAmount(options.preDispatch(), workers);
            this.backlog = collectAll ? Integer.MAX_VALUE : Math.max(initialLeft, 1);
            lock.lock();
            try {
                while (dispatchOne(true)) {
                    // the first preDispatch tasks, as batches
                }
            } finally {
                lock.unlock();
            }
            drain();
        }

        @Override
        public boolean hasNext() {
            lock.lock();
            try {
                long timeout = options.timeout() == null ? -1 : options.timeout().toNanos();
                while ((failure == null && !available()) || (failureIsKnockOn && !running.isEmpty())) {
                    while (paused > 0 && running.isEmpty()) { // never wait on nothing while batches are held back
                        paused--;
                        dispatchOne(false);
                    }
                    if (over() && finished.isEmpty()) {
                        progress.finished(completedTasks);
                        return false;
                    }
                    if (timeout < 0) {
                        changed.awaitUninterruptibly();
                    } else if ((timeout = changed.awaitNanos(timeout)) <= 0 && !available() && failure == null) {
                        fail(new FuturesTimeout("no result came within the timeout of " + options.timeout()
                                + ": " + running.size() + " batch(es) still running; they were cancelled"), -1);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return true;
            } catch (InterruptedException e) {
                fail(Waiting.interrupted("the results of Parallel"), -1);
                throw failure;
            } finally {
                lock.unlock();
            }
        }

        private boolean available() {
            return currentAt < current.size() || (ordered ? done.containsKey(nextOut) : !done.isEmpty());
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException("every result has been handed out");
            }
            lock.lock();
            try {
                if (currentAt == current.size()) {
                    takeBatch();
                }
                R result = (R) current.get(currentAt++);
                taken(1);
                return result;
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void forEachRemaining(java.util.function.Consumer<? super R> action) {
            forEachBatch(results -> {
                for (int i = 0, n = results.size(); i < n; i++) {
                    action.accept((R) results.get(i));
                }
            });
        }

        /**
         * Hands out whole batches of results at a time, in order: one lock for many results
         * ({@link #call} adds each batch to its list at once). Under the lock it only picks the
         * batches up; they are handed out after.
         */
        void forEachBatch(java.util.function.Consumer<List<Object>> action) {
            var batches = new ArrayList<List<Object>>();
            while (hasNext()) {
                lock.lock();
                try {
                    do {
                        if (currentAt == current.size()) {
                            takeBatch();
                        }
                        batches.add(currentAt == 0 ? current : current.subList(currentAt, current.size()));
                        taken(current.size() - currentAt);
                        currentAt = current.size();
                    } while (available());
                } finally {
                    lock.unlock();
                }
                batches.forEach(action);
                batches.clear();
            }
        }

        /** The next finished batch becomes the one handed out: the next in order, or any. */
        private void takeBatch() {
            currentFirst = ordered ? nextOut : done.firstKey();
            current = done.remove(currentFirst);
            currentAt = 0;
        }

        /** The caller took {@code n} results: dispatching held back for it may go on. */
        private void taken(int n) {
            nextOut += n;
            waiting -= n;
            while (paused > 0 && waiting < backlog) {
                paused--;
                dispatchOne(false);
            }
        }

        /** Every result computed and not handed out yet, by task index: what a {@link TaskError} keeps. */
        private Map<Integer, Object> completedSoFar() {
            var all = new TreeMap<Integer, Object>();
            for (int i = currentAt; i < current.size(); i++) {
                all.put(currentFirst + i, current.get(i));
            }
            done.forEach((first, results) -> {
                for (int i = 0; i < results.size(); i++) {
                    all.put(first + i, results.get(i));
                }
            });
            return all;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                stopped = true;
                cancelTheRest();
            } finally {
                lock.unlock();
            }
        }

        /** Takes the next batch (slicing more from the input when none is ready) and sends it. */
        private boolean dispatchOne(boolean initial) {
            if (failure != null || stopped) {
                return false;
            }
            Batch batch = ready.poll();
            if (batch == null) {
                int size = options.batchSize() > 0 ? options.batchSize() : batching.batchSize();
                int big = (int) Math.min((long) size * workers, Integer.MAX_VALUE - 8);
                if (initial) {
                    big = Math.min(big, initialLeft);
                }
                int first = taken;
                List<Delayed<?, ?>> slice = slice(big);
                taken += slice.size();
                if (initial) {
                    initialLeft -= slice.size();
                }
                if (slice.isEmpty()) {
                    return false;
                }
                // the input ran out: smaller batches, so that no worker is left with a long tail
                boolean end = !initial && slice.size() < big;
                int each = Math.max(1, slice.size() / (end ? 10 * workers : workers));
                for (int i = 0; i < slice.size(); i += each) {
                    ready.add(new Batch(first + i, slice.subList(i, Math.min(i + each, slice.size()))));
                }
                batch = ready.poll();
            }
            send(batch);
            return true;
        }

        /**
         * What a worker process gets for these calls, in one pass over them: their shared
         * function's batch function and the bare arguments, or (calls to different functions) the
         * calls themselves.
         */
        @SuppressWarnings("unchecked")
        private Map.Entry<RunBatch, ArrayList<Object>> forProcesses(List<Delayed<?, ?>> calls) {
            Object function = calls.getFirst().function();
            var arguments = new ArrayList<Object>(calls.size());
            for (int i = 0, n = calls.size(); i < n; i++) {
                Delayed<?, ?> call = calls.get(i);
                if (call.function() != function) {
                    return Map.entry(RunBatch.EACH_ITS_OWN, new ArrayList<>(calls));
                }
                arguments.add(call.argument());
            }
            if (sharedBatch.shared() != function) {
                sharedBatch = new RunBatch((PicklableFunction<Object, Object>) function);
            }
            return Map.entry(sharedBatch, arguments);
        }

        /**
         * Sends a batch: to a thread, as the calls themselves (nothing is copied: the thread runs
         * them from the slice); to a worker process, as {@link #forProcesses} packs it.
         */
        @SuppressWarnings("unchecked")
        private void send(Batch batch) {
            long sentAt = clock.getAsLong();
            CompletableFuture<List<Object>> future;
            try {
                if (options.backend() == Backend.THREADING) {
                    var calls = (List<Object>) (List<?>) batch.calls();
                    future = CompletableFuture.supplyAsync(() -> RunBatch.EACH_ITS_OWN.apply(calls), executor);
                } else {
                    var packed = forProcesses(batch.calls());
                    future = ((ProcessPoolExecutor) executor).submit(packed.getKey(), packed.getValue());
                }
            } catch (RuntimeException refused) { // the pool broke (a worker died) or was closed meanwhile
                fail(new TaskError(batch.describeAll() + " could not be sent: " + refused.getMessage(), batch.first(),
                        completedSoFar(), refused), batch.first(), refused instanceof BrokenProcessPool);
                return;
            }
            running.add(future);
            future.whenComplete((results, error) -> {
                finished.add(() -> completed(batch, future, results, error, clock.getAsLong() - sentAt));
                drain();
            });
        }

        /** Handles finished batches one at a time, on whichever thread gets here first. */
        private void drain() {
            while (!finished.isEmpty() && draining.compareAndSet(false, true)) {
                try {
                    for (Runnable r; (r = finished.poll()) != null; ) {
                        lock.lock(); // taken per batch, so that the caller waiting for a result gets its turn
                        try {
                            r.run();
                        } catch (RuntimeException bug) { // never strand the batches queued behind this one
                            fail(bug, -1);
                            changed.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                } finally {
                    draining.set(false);
                }
            }
        }

        private void completed(Batch batch, CompletableFuture<?> future, List<Object> results, Throwable error, long nanos) {
            running.remove(future);
            if (!stopped && (failure == null || (failureIsKnockOn && error != null))) {
                if (error != null) {
                    Throwable cause = Waiting.cause(error);
                    // a batch that was only pending when a worker died is a knock-on failure: the one it held names the culprit
                    boolean knockOn = cause instanceof java.util.concurrent.CancellationException
                            || cause instanceof BrokenProcessPool broken && !broken.wasInTheDeadWorker();
                    fail(new TaskError(batch.describeAll() + (knockOn ? " was not run: " : " was lost: ") + cause,
                            batch.first(), completedSoFar(), cause), batch.first(), knockOn);
                } else {
                    if (!results.isEmpty() && results.getLast() instanceof Failed f) {
                        int i = results.size() - 1;
                        done.put(batch.first(), results.subList(0, i)); // kept: nothing computed is lost
                        fail(new TaskError(batch.describe(i) + " raised " + f.description, batch.first() + i,
                                completedSoFar(), f.cause()), batch.first() + i);
                    } else {
                        done.put(batch.first(), results);
                        waiting += results.size();
                        completedTasks += results.size();
                        if (options.batchSize() == 0) {
                            int before = batching.batchSize();
                            int after = batching.completed(batch.calls().size(), nanos / 1e9);
                            if (after != before && options.verbose() >= 10) {
                                progress.say(String.format(Locale.ROOT, "Batch computation too %s (%.4fs.) Setting batch_size=%d.",
                                        after > before ? "fast" : "slow", batching.decidedOnSeconds(), after));
                            }
                        }
                        progress.batchDone(completedTasks, inputLeft() ? -1 : taken);
                        if (waiting < backlog) {
                            dispatchOne(false);
                            // and keep a batch queued behind each worker's, so that none waits for the next one
                            while (running.size() < AHEAD * workers && waiting < backlog && dispatchOne(false)) {
                                // the batches ahead
                            }
                        } else {
                            paused++; // the caller is behind: wait until it takes results
                        }
                    }
                }
            }
            if (!collectAll || failure != null || stopped || over()) {
                changed.signalAll();
            }
        }

        /** Nothing runs, nothing waits to be sent, and the input is used up. */
        private boolean over() {
            return running.isEmpty() && ready.isEmpty() && paused == 0 && !inputLeft();
        }

        /** Whether the input has tasks not taken yet. */
        private boolean inputLeft() {
            return list != null ? taken < list.size() : source.hasNext();
        }

        /** Takes up to {@code big} tasks from the input: a view of the input list, or read from its iterator. */
        @SuppressWarnings("unchecked")
        private List<Delayed<?, ?>> slice(int big) {
            if (list != null) {
                return (List<Delayed<?, ?>>) (List<?>) list.subList(taken, (int) Math.min((long) taken + big, list.size()));
            }
            var slice = new ArrayList<Delayed<?, ?>>(Math.min(big, 1 << 16));
            while (slice.size() < big && source.hasNext()) {
                slice.add(source.next());
            }
            return slice;
        }

        private void fail(RuntimeException why, int index) {
            fail(why, index, false);
        }

        /**
         * Records the call's failure (the first one; a knock-on failure gives way to a later
         * first-hand one) and cancels the rest.
         */
        private void fail(RuntimeException why, int index, boolean knockOn) {
            if (failure == null || (failureIsKnockOn && !knockOn)) {
                failure = why instanceof TaskError ? why : new TaskError(why.getMessage(), index, completedSoFar(), why);
                failureIsKnockOn = knockOn;
            }
            cancelTheRest();
        }

        private void cancelTheRest() {
            ready.clear();
            for (CompletableFuture<?> f : List.copyOf(running)) {
                f.cancel(true);
            }
            changed.signalAll();
        }
    }

    // ---- one call in the caller's thread --------------------------------------------------------

    /** n_jobs=1: a plain loop, one task per {@link #next()}, in the caller's thread. */
    private static final class InCaller<R> implements Results<R> {
        private final Iterator<? extends Delayed<?, ? extends R>> source;
        private final Progress progress;
        private int index;

        InCaller(Iterator<? extends Delayed<?, ? extends R>> source, Progress progress) {
            this.source = source;
            this.progress = progress;
        }

        @Override
        public boolean hasNext() {
            if (!source.hasNext()) {
                progress.finished(index);
                return false;
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            Delayed<?, ? extends R> task = source.next();
            try {
                R result = task.call();
                index++;
                progress.batchDone(index, source.hasNext() ? -1 : index);
                return result;
            } catch (Exception e) {
                throw new TaskError("task #" + index + " " + task + " raised " + e, index, java.util.Map.of(), e);
            }
        }

        @Override
        public void close() {
        }
    }

    // ---- verbose ------------------------------------------------------------------------------

    /**
     * joblib's progress lines, {@code [Parallel(n_jobs=2)]: Done  40 tasks | elapsed: 0.1s}: while
     * the input is still being read, after batches spaced further and further apart (how far
     * depends on {@code verbose}); once its end is known, "Done N out of M" with the time left.
     */
    static final class Progress {
        private final int verbose;
        private final PrintStream out;
        private final String prefix;
        private final LongSupplier clock;
        private final long started;
        private final AtomicInteger batches = new AtomicInteger();
        private final boolean bar;
        private long barDrawnAt;
        private boolean finishedSaid;

        Progress(int verbose, PrintStream out, Integer nJobs, LongSupplier clock, boolean bar) {
            this.verbose = verbose;
            this.out = out;
            this.prefix = "[Parallel(n_jobs=" + (nJobs == null ? "None" : nJobs) + ")]: ";
            this.clock = clock;
            this.started = clock.getAsLong();
            this.barDrawnAt = started - 1_000_000_000L;
            this.bar = bar;
        }

        /**
         * The bar's line: {@code [#######-----------]  40/100 tasks  1,234/s  0:05 left}; while
         * the input's end is unknown, just the count and the rate.
         */
        static String barLine(int completed, int total, double elapsedSeconds) {
            double rate = elapsedSeconds > 0 ? completed / elapsedSeconds : 0;
            String speed = String.format(Locale.ROOT, "%,.0f/s", rate);
            if (total < 0) {
                return String.format(Locale.ROOT, "%d tasks done  %s", completed, speed);
            }
            int width = 20;
            int filled = total == 0 ? width : (int) ((long) width * completed / total);
            long left = rate > 0 ? Math.round((total - completed) / rate) : 0;
            return String.format(Locale.ROOT, "[%s%s] %d/%d tasks  %s  %d:%02d left", "#".repeat(filled),
                    "-".repeat(width - filled), completed, total, speed, left / 60, left % 60);
        }

        private void drawBar(int completed, int total, boolean last) {
            long now = clock.getAsLong();
            if (!bar || (!last && now - barDrawnAt < 100_000_000L)) {
                return; // at most ten redraws a second
            }
            barDrawnAt = now;
            out.print("\r" + barLine(completed, total, (now - started) / 1e9) + (last ? "\n" : ""));
            out.flush();
        }

        void say(String line) {
            if (verbose > 0) {
                out.println(prefix + line);
            }
        }

        /** A batch finished; {@code total} is the number of tasks when the input's end is known, else -1. */
        void batchDone(int completed, int total) {
            int index = batches.getAndIncrement();
            drawBar(completed, total, false);
            if (verbose <= 0) {
                return;
            }
            double elapsed = (clock.getAsLong() - started) / 1e9;
            if (total < 0) {
                if (!quiet(index, verbose)) {
                    say(String.format(Locale.ROOT, "Done %3d tasks      | elapsed: %s", completed, shortTime(elapsed)));
                }
            } else if (completed == total || verbose > 10 || completed % (total / verbose + 1) == 0) {
                double left = completed == 0 ? 0 : elapsed / completed * (total - completed);
                say(String.format(Locale.ROOT, "Done %3d out of %3d | elapsed: %s remaining: %s", completed, total,
                        shortTime(elapsed), shortTime(left)));
            }
        }

        void finished(int completed) {
            if (!finishedSaid && bar) {
                drawBar(completed, completed, true);
            }
            if (!finishedSaid && verbose > 0) {
                finishedSaid = true;
                say(String.format(Locale.ROOT, "Done %3d out of %3d | elapsed: %s finished", completed, completed,
                        shortTime((clock.getAsLong() - started) / 1e9)));
            }
            finishedSaid = true;
        }

        /** joblib's {@code _verbosity_filter}: print after batch 0, then ever more rarely. */
        static boolean quiet(int index, int verbose) {
            if (verbose > 10 || index == 0) {
                return false;
            }
            double v = 0.5 * (11 - verbose) * (11 - verbose);
            return (int) Math.sqrt((index + 1) / v) == (int) Math.sqrt(index / v);
        }

        static String shortTime(double seconds) {
            return seconds > 60 ? String.format(Locale.ROOT, "%4.1fmin", seconds / 60)
                    : String.format(Locale.ROOT, " %5.1fs", seconds);
        }
    }
}
