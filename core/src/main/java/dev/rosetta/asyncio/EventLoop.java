package dev.rosetta.asyncio;

import dev.rosetta.common.Waiting;
import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.TraceClock;
import dev.rosetta.trace.Tracer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Python's asyncio event loop: the loop thread runs every callback, and each coroutine runs on
 * a virtual thread of its own that the loop hands a baton to and waits for (a task step), so
 * exactly one of them runs at a time and switches happen only where a coroutine awaits — what
 * Python's one thread does. The loop takes its work from a ready queue, a timer heap and an NIO
 * {@link Selector}.
 *
 * <pre>{@code
 * try (var loop = new EventLoop()) {
 *     String reply = loop.runUntilComplete(() -> {
 *         Asyncio.sleep(Duration.ofMillis(100));   // suspends this task; the loop runs others
 *         return "done";
 *     });
 * }
 * }</pre>
 *
 * <p>One iteration ({@code runOnce}, Python's {@code _run_once}): take the calls other threads
 * queued ({@link #callSoonThreadsafe}); wait in the selector until a socket is ready, the first
 * timer is due, or another thread wakes it (not at all if callbacks are ready); queue the
 * callbacks of ready sockets and due timers; run every callback that was ready at the start of
 * the run, in order. A task step is such a callback: it hands the task the baton and parks until
 * the task awaits (see {@link Task}).
 *
 * <p>Knobs: {@link #setDebug debug mode} (also {@code -Drosetta.asyncio.debug=true}) logs every
 * callback or step slower than {@link #setSlowCallbackDuration slowCallbackDuration} (default
 * 100 ms, Python's {@code slow_callback_duration}) twice: while it still holds the loop, with the
 * stack of the thread doing the blocking ({@link LoopBlocked}, from a {@code BlockedLoopChecker}
 * thread, as Vert.x does: a coroutine blocked for good is reported too), and once it returns, with
 * how long it took (Python's {@link SlowCallback}); {@link #setExceptionHandler} replaces the
 * default handler, which logs.
 *
 * <p>While {@link Tracer#record() tracing} is on, every callback and task step is a span on the
 * loop's one lane ("task step", "callback", or "slow callback" past slowCallbackDuration, debug
 * mode or not): a timeline shows the single thread doing everything, one step at a time.
 *
 * <p>Thread-safety. The loop runs on one virtual thread, {@code asyncio-loop}, started by
 * {@link #runUntilComplete} and ended when it returns. Methods are <b>loop-only</b> unless
 * marked thread-safe: call them from a task or callback of this loop (or from the owning
 * thread while the loop is not running). The scheduling calls ({@code callSoon}, {@code callAt},
 * {@code createTask}, the reader/writer registrations) check their caller and fail with
 * {@link IllegalStateException} from another thread, as Python's debug mode does. Thread-safe:
 * {@link #callSoonThreadsafe}, {@link #time()}, {@link #isRunning()}, {@link #isClosed()}, and
 * the debug-mode setters. Every callback runs on the loop thread; every coroutine on its task's
 * virtual thread, while the loop thread waits for it. With
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} the loop and all its tasks share one
 * carrier, that is one OS thread, which is Python's model exactly and the cheapest switch.
 *
 * <p>An exception thrown by a callback, or by a task nobody awaits, never stops the loop: it goes
 * to the exception handler.
 */
public final class EventLoop implements AutoCloseable {
    /*
     * Implementation overview. Fields without a note are confined to "the loop": the loop
     * thread, or the task that holds the baton, which the loop thread waits for. The baton
     * hand-off (Task.hasBaton, volatile) orders them, so they need no lock. Only threadsafeCalls,
     * the selector's wakeup and the debug-mode fields cross threads.
     */
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final AtomicLong TASK_NAMES = new AtomicLong();
    private static final Duration DEFAULT_SLOW = Duration.ofMillis(100);

    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final PriorityQueue<Handle> timers = new PriorityQueue<>();
    /** Thread-safe: calls from other threads, moved to {@link #ready} by the loop. */
    private final ConcurrentLinkedQueue<Handle> threadsafeCalls = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    /**
     * The tasks not yet done. Python's loop holds tasks weakly, so that a task nobody references
     * can vanish mid-flight; here that cannot happen anyway (the JDK tracks every virtual thread,
     * and a task's thread references it), so a plain set is honest, and far cheaper than weak
     * references, which cost the garbage collector work per task.
     */
    private final Set<Task<?>> pendingTasks = new LinkedHashSet<>();
    private final Set<Future<?>> unretrieved = new LinkedHashSet<>();
    private long sequence;
    private boolean stopping;
    private Consumer<ExceptionContext> exceptionHandler;
    private ExecutorService defaultExecutor;

    /** Set while the loop runs; read by other threads to check who calls. */
    private volatile Thread loopThread;
    private volatile boolean closed;

    // Debug mode: set from any thread, read by the loop when it starts and after each step.
    private volatile boolean debug = Boolean.getBoolean("rosetta.asyncio.debug");
    private volatile long slowNanos = DEFAULT_SLOW.toNanos();
    private volatile Consumer<SlowCallback> slowCallbackListener;
    private volatile Consumer<LoopBlocked> loopBlockedListener;
    /** How often the checker looks; null: a quarter of slowCallbackDuration. */
    private volatile Duration checkInterval;
    /** The task the current callback stepped, if any (loop thread only). */
    private Task<?> steppedTask;
    /** Debug mode's watchdog while the loop runs, else null; set before the loop thread starts. */
    private BlockedLoopChecker checker;

    /** A new loop, not running (Python: {@code asyncio.new_event_loop()}). Close it when done. */
    public EventLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /**
     * The loop running the current task or callback (Python: {@code asyncio.get_running_loop()});
     * throws {@link IllegalStateException} outside one.
     */
    public static EventLoop getRunningLoop() {
        Task<?> task = Task.current();
        if (task != null) {
            return task.loop;
        }
        EventLoop loop = RUNNING.get();
        if (loop == null) {
            throw new IllegalStateException("no running event loop on " + Thread.currentThread()
                    + ": call this from a coroutine (Asyncio.run) or a loop callback");
        }
        return loop;
    }

    /** The loop's clock, {@link System#nanoTime()} (Python: {@code loop.time()}, in seconds). Thread-safe. */
    public long time() {
        return System.nanoTime();
    }

    /** Runs {@code callback} on the loop thread soon, after the callbacks already ready. Loop-only. */
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, callback);
    }

    Handle callSoon(Runnable callback, Object what) {
        checkThread("callSoon");
        var handle = new Handle(callback, 0, 0, what);
        ready.add(handle);
        return handle;
    }

    /** Runs {@code callback} on the loop thread after {@code delay}. Loop-only. */
    public Handle callLater(Duration delay, Runnable callback) {
        long nanos;
        try {
            nanos = Math.max(0, delay.toNanos());
        } catch (ArithmeticException tooLong) { // more than 292 years: never, not "at once"
            nanos = delay.isNegative() ? 0 : Long.MAX_VALUE;
        }
        long now = time();
        // a delay too long to add to the clock is "never": Long.MAX_VALUE, not an overflow into the past
        return callAt(nanos > Long.MAX_VALUE - Math.max(now, 0) ? Long.MAX_VALUE : now + nanos, callback);
    }

    /** Runs {@code callback} on the loop thread when {@link #time()} reaches {@code when}. Loop-only. */
    public Handle callAt(long when, Runnable callback) {
        checkThread("callAt");
        var handle = new Handle(callback, when, sequence++, callback);
        timers.add(handle);
        return handle;
    }

    /**
     * Runs {@code callback} on the loop thread soon; the one way in from another thread
     * (Python: {@code call_soon_threadsafe}). Thread-safe: wakes the loop if it waits in select.
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        var handle = new Handle(callback, 0, 0, callback);
        threadsafeCalls.add(handle);
        selector.wakeup();
        return handle;
    }

    /** A new pending future of this loop (Python: {@code loop.create_future()}). Loop-only. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** Schedules {@code coroutine} as a task named {@code Task-N} (Python: {@code loop.create_task}). Loop-only. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask("Task-" + TASK_NAMES.incrementAndGet(), coroutine);
    }

    /** Schedules {@code coroutine} as a task; its first step runs soon. Loop-only. Keep a reference: see {@link #allTasks()}. */
    public <T> Task<T> createTask(String name, Coroutine<T> coroutine) {
        checkThread("createTask");
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        var task = new Task<>(this, coroutine, name);
        pendingTasks.add(task);
        task.schedule();
        return task;
    }

    /**
     * The tasks not yet done (Python: {@code asyncio.all_tasks()}), in creation order. Loop-only.
     * Keep your own reference to a task you create, as Python requires: the loop's is an
     * implementation detail.
     */
    public Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(pendingTasks);
    }

    void taskDone(Task<?> task) {
        pendingTasks.remove(task);
    }

    /**
     * Runs the loop until {@code coroutine}, as a task, is done; its result (or its exception).
     * Call it from a thread that is not running a loop; the loop runs meanwhile on a virtual
     * thread named {@code asyncio-loop}. Python: {@code loop.run_until_complete(coro)}. An
     * interrupt of the calling thread stops the loop (as Ctrl-C does Python's) and, if the
     * coroutine is not done by then, ends this with a {@link java.util.concurrent.CancellationException}
     * ({@link Waiting#interrupted}); its task stays pending, for {@link #close()} to cancel.
     */
    public <T> T runUntilComplete(Coroutine<T> coroutine) {
        return runUntilComplete(createTask(coroutine));
    }

    /** Runs the loop until {@code future} is done; its result (Python: {@code run_until_complete(fut)}). */
    public <T> T runUntilComplete(Future<T> future) {
        if (Task.current() != null || RUNNING.get() != null) {
            throw new IllegalStateException("runUntilComplete cannot be called from a running event loop:"
                    + " await the coroutine instead");
        }
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        if (future.loop != this) {
            throw new IllegalArgumentException("the future belongs to another loop");
        }
        stopping = false;
        future.addDoneCallback(f -> stopping = true);
        var failure = new Throwable[1];
        Thread thread = Thread.ofVirtual().name("asyncio-loop").unstarted(() -> {
            try {
                runForever();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        loopThread = thread;
        startChecker();
        try {
            thread.start();
            joinStoppingOnInterrupt(thread);
        } finally {
            loopThread = null;
            stopChecker();
        }
        if (failure[0] != null) {
            throw Waiting.rethrowable(failure[0]);
        }
        if (!future.isDone() && Thread.currentThread().isInterrupted()) {
            throw Waiting.interrupted("runUntilComplete: the loop was stopped, its tasks are still pending");
        }
        return future.result();
    }

    private void runForever() throws IOException {
        RUNNING.set(this);
        try {
            while (!stopping) {
                runOnce();
            }
        } finally {
            RUNNING.remove();
        }
    }

    /** One turn of the loop (Python's {@code BaseEventLoop._run_once}). */
    private void runOnce() throws IOException {
        drainThreadsafeCalls();
        while (!timers.isEmpty() && timers.peek().cancelled()) {
            timers.poll();
        }
        int selected;
        if (!ready.isEmpty() || stopping) {
            selected = selector.keys().isEmpty() ? 0 : selector.selectNow();
        } else if (!timers.isEmpty()) {
            long when = timers.peek().when;
            long wait = when == Long.MAX_VALUE ? Long.MAX_VALUE : when - time(); // MAX_VALUE: never
            selected = wait <= 0 ? selector.selectNow()
                    : selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(wait, Long.MAX_VALUE - 999_999) + 999_999)));
        } else {
            selected = selector.select();
        }
        if (selected > 0) {
            queueReadyIo();
        }
        drainThreadsafeCalls();
        long now = time();
        while (!timers.isEmpty() && timers.peek().when <= now) {
            Handle timer = timers.poll();
            if (!timer.cancelled()) {
                ready.add(timer);
            }
        }
        // Only what was ready when this turn started: callbacks scheduled now wait for the next turn.
        for (int n = ready.size(); n > 0; n--) {
            Handle handle = ready.poll();
            if (!handle.cancelled()) {
                run(handle);
            }
        }
    }

    private void drainThreadsafeCalls() {
        Handle handle;
        while ((handle = threadsafeCalls.poll()) != null) {
            ready.add(handle);
        }
    }

    private void run(Handle handle) {
        Tracer tracer = Tracer.active();
        BlockedLoopChecker watched = checker;
        if (watched == null && tracer == null) {
            runGuarded(handle);
            return;
        }
        long started = System.nanoTime();
        steppedTask = null;
        if (watched != null) {
            watched.stepStarted(handle);
        }
        runGuarded(handle);
        long took = System.nanoTime() - started;
        if (tracer != null) {
            traced(tracer, handle, started, took);
        }
        if (watched != null) {
            StackTraceElement[] sampled = watched.stepEnded();
            if (took >= slowNanos) {
                reportSlow(handle, took, sampled);
            }
        }
    }

    /**
     * The span of one callback or task step, on the loop thread's lane (a task's step runs on
     * the task's own thread, but the loop waits for it: it is the loop's time). Of kind
     * "task step" or "callback", or "slow callback" when it took at least slowCallbackDuration.
     */
    private void traced(Tracer tracer, Handle handle, long started, long took) {
        Task<?> task = steppedTask;     // set by enterTask when the callback stepped a task (a start or a wake-up)
        String kind = took >= slowNanos ? "slow callback" : task != null ? "task step" : "callback";
        String name = task != null ? task.getName() + " step" : "callback " + handle.what;
        tracer.record(new Span(name, Lane.current(), TraceClock.ofNanoTime(started), TraceClock.ofNanoTime(started + took),
                Map.of(Span.KIND, kind)));
    }

    private void runGuarded(Handle handle) {
        try {
            handle.callback.run();
        } catch (Throwable t) {
            callExceptionHandler(new ExceptionContext("Exception in callback " + handle, t, null));
        }
    }

    void enterTask(Task<?> task) {
        steppedTask = task;     // a plain write, always: debug mode and tracing both name the step by it
        BlockedLoopChecker watched = checker;
        if (watched != null) {
            watched.enteredTask(task);
        }
    }

    void leaveTask(Task<?> task) {
        // the rest of the step is the loop thread's bookkeeping: the checker keeps watching the task
    }

    /** Python's after-the-fact report ("Executing ... took"), with the stack the checker took, if any. */
    private void reportSlow(Handle handle, long took, StackTraceElement[] sampled) {
        StackTraceElement[] stack = sampled;
        String what;
        if (steppedTask != null) {
            what = steppedTask.toString();
            if (stack == null && steppedTask.thread != null) {
                stack = steppedTask.thread.getStackTrace();
            }
        } else {
            what = handle.toString();
        }
        var slow = new SlowCallback(what, Duration.ofNanos(took), BlockedLoopChecker.userFrames(stack));
        log.warn(slow.message());
        Consumer<SlowCallback> listener = slowCallbackListener;
        if (listener != null) {
            listener.accept(slow);
        }
    }

    private void startChecker() {
        if (!debug) {
            return;
        }
        Duration threshold = Duration.ofNanos(slowNanos);
        Duration interval = checkInterval != null ? checkInterval : threshold.dividedBy(4);
        checker = new BlockedLoopChecker(interval, threshold, this::reportBlocked);
    }

    /** On the checker thread, while the loop is still blocked. */
    private void reportBlocked(LoopBlocked blocked) {
        log.warn(blocked.message());
        Consumer<LoopBlocked> listener = loopBlockedListener;
        if (listener != null) {
            listener.accept(blocked);
        }
    }

    private void stopChecker() {
        if (checker != null) {
            checker.close();
            checker = null;
        }
    }

    // ---- I/O: Python's add_reader / add_writer, over one Selector ----

    /** The callbacks of one registered channel, attached to its selection key. */
    private static final class IoCallbacks {
        Runnable reader;
        Runnable writer;
    }

    /**
     * Calls {@code callback} on the loop thread each turn {@code channel} is readable, until
     * {@link #removeReader}. Puts the channel in non-blocking mode. Loop-only.
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        callbacksOf(channel).reader = callback;
        updateInterest(channel);
    }

    /** Stops watching {@code channel} for reading. Loop-only. */
    public void removeReader(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            ((IoCallbacks) key.attachment()).reader = null;
            updateInterest(channel);
        }
    }

    /** Calls {@code callback} on the loop thread each turn {@code channel} is writable, until {@link #removeWriter}. Loop-only. */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        callbacksOf(channel).writer = callback;
        updateInterest(channel);
    }

    /** Stops watching {@code channel} for writing. Loop-only. */
    public void removeWriter(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            ((IoCallbacks) key.attachment()).writer = null;
            updateInterest(channel);
        }
    }

    private IoCallbacks callbacksOf(SelectableChannel channel) {
        checkThread("addReader/addWriter");
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            return (IoCallbacks) key.attachment();
        }
        try {
            channel.configureBlocking(false);
            return (IoCallbacks) channel.register(selector, 0, new IoCallbacks()).attachment();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void updateInterest(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        var io = (IoCallbacks) key.attachment();
        int ops = (io.reader != null ? channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT) : 0)
                | (io.writer != null ? channel.validOps() & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT) : 0);
        key.interestOps(ops);
    }

    private void queueReadyIo() {
        for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            var io = (IoCallbacks) key.attachment();
            int readyOps = key.readyOps();
            if (io.reader != null && (readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
                ready.add(new Handle(io.reader, 0, 0, io.reader));
            }
            if (io.writer != null && (readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
                ready.add(new Handle(io.writer, 0, 0, io.writer));
            }
        }
        selector.selectedKeys().clear();
    }

    // ---- blocking work on other threads ----

    /**
     * Runs {@code call} on {@code executor} (null: the loop's default pool, as Python's
     * {@code loop.run_in_executor(None, ...)}), and returns a future of this loop that completes
     * on the loop thread. Loop-only; {@code call} runs on an executor thread.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> call) {
        checkThread("runInExecutor");
        Future<T> future = createFuture();
        Executor target = executor != null ? executor : defaultExecutor();
        target.execute(() -> {
            try {
                T value = call.call();
                callSoonThreadsafe(() -> {
                    if (!future.isDone()) {
                        future.setResult(value);
                    }
                });
            } catch (Throwable t) {
                callSoonThreadsafe(() -> {
                    if (!future.isDone()) {
                        future.setException(t);
                    }
                });
            }
        });
        return future;
    }

    private ExecutorService defaultExecutor() {
        if (defaultExecutor == null) {
            // Python's default: ThreadPoolExecutor(max_workers=min(32, cpu_count + 4)).
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            var counter = new AtomicLong();
            var pool = new ThreadPoolExecutor(workers, workers, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> Thread.ofPlatform().daemon().name("asyncio-to-thread-" + counter.incrementAndGet()).unstarted(r));
            pool.allowCoreThreadTimeOut(true);
            defaultExecutor = pool;
        }
        return defaultExecutor;
    }

    // ---- errors, debug, lifecycle ----

    /**
     * Replaces the exception handler (Python: {@code loop.set_exception_handler}); null restores
     * the default, which logs at ERROR. Runs on the loop thread. Loop-only.
     */
    public void setExceptionHandler(Consumer<ExceptionContext> handler) {
        this.exceptionHandler = handler;
    }

    /** Passes {@code context} to the exception handler (Python: {@code loop.call_exception_handler}). Loop-only. */
    public void callExceptionHandler(ExceptionContext context) {
        Consumer<ExceptionContext> handler = exceptionHandler;
        if (handler != null) {
            try {
                handler.accept(context);
                return;
            } catch (Throwable t) {
                log.error("Unhandled error in exception handler", t);
            }
        }
        log.error("{}{}", context.message(), context.future() != null ? ": " + context.future() : "", context.exception());
    }

    void exceptionSet(Future<?> future) {
        unretrieved.add(future);
    }

    void exceptionRetrieved(Future<?> future) {
        unretrieved.remove(future);
    }

    /** Turns debug mode on or off (Python: {@code loop.set_debug}). Takes effect at the next run. Thread-safe. */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /** Whether debug mode is on. Thread-safe. */
    public boolean isDebug() {
        return debug;
    }

    /** The threshold above which debug mode reports a callback or step (Python: {@code slow_callback_duration}). Thread-safe. */
    public void setSlowCallbackDuration(Duration threshold) {
        this.slowNanos = threshold.toNanos();
    }

    /** Also tells {@code listener} (on the loop thread) about every slow callback debug mode finds; null for none. Thread-safe. */
    public void setSlowCallbackListener(Consumer<SlowCallback> listener) {
        this.slowCallbackListener = listener;
    }

    /**
     * Also tells {@code listener} about every callback or step that debug mode's checker finds
     * holding the loop past slowCallbackDuration, <em>while it still holds it</em>; null for none.
     * The listener runs on the checker thread (the loop is blocked): keep it short. Thread-safe.
     */
    public void setLoopBlockedListener(Consumer<LoopBlocked> listener) {
        this.loopBlockedListener = listener;
    }

    /** How often debug mode's checker looks at the loop; null for a quarter of slowCallbackDuration. Takes effect at the next run. */
    void setCheckInterval(Duration interval) {
        this.checkInterval = interval;
    }

    /** Whether the loop is running. Thread-safe. */
    public boolean isRunning() {
        return loopThread != null;
    }

    /** Whether {@link #close()} has run. Thread-safe. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop the way {@code asyncio.run} finishes: cancels the tasks still pending and
     * runs the loop until they end, reports exceptions nobody retrieved to the exception handler,
     * shuts the default executor down (waiting for its threads), and closes the selector. Call it
     * from the thread that ran the loop, after the loop has stopped. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (isRunning()) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        cancelAllTasks();
        for (Future<?> future : List.copyOf(unretrieved)) {
            callExceptionHandler(new ExceptionContext(
                    (future instanceof Task ? "Task" : "Future") + " exception was never retrieved",
                    future.exception(), future));
        }
        unretrieved.clear();
        closed = true;
        if (defaultExecutor != null) {
            defaultExecutor.shutdown();
            try {
                if (!defaultExecutor.awaitTermination(1, TimeUnit.MINUTES)) {
                    log.warn("the default executor's threads are still running a minute after close()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void cancelAllTasks() {
        List<Task<?>> pending = new ArrayList<>(allTasks());
        if (pending.isEmpty()) {
            return;
        }
        for (Task<?> task : pending) {
            task.cancel();
        }
        runUntilComplete(Asyncio.gather(true, pending));
        for (Task<?> task : pending) {
            if (!task.isCancelled() && task.exception() != null) {
                callExceptionHandler(new ExceptionContext("unhandled exception during shutdown", task.exception(), task));
            }
        }
    }

    private void checkThread(String what) {
        Thread owner = loopThread;
        if (owner == null || Thread.currentThread() == owner) {
            return;
        }
        Task<?> task = Task.current();
        if (task == null || task.loop != this) {
            throw new IllegalStateException(what + " called from " + Thread.currentThread()
                    + ", not from the loop: use callSoonThreadsafe to get onto the loop thread");
        }
    }

    /** Waits for the loop thread; an interrupt (a test's time limit) asks the loop to stop first. */
    private void joinStoppingOnInterrupt(Thread thread) {
        joinUninterruptibly(thread, () -> callSoonThreadsafe(() -> stopping = true));
    }

    /**
     * Waits for {@code thread} to end, running {@code onInterrupt} at each interrupt of the
     * caller instead of giving up; the caller's interrupt flag is set again at the end.
     */
    static void joinUninterruptibly(Thread thread, Runnable onInterrupt) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                onInterrupt.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
