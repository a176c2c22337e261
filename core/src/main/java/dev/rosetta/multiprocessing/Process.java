package dev.rosetta.multiprocessing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Python's {@code multiprocessing.Process}: one function run once in a fresh process of its own.
 *
 * <pre>{@code
 * var p = new Process(() -> System.out.println("hello from " + ProcessHandle.current().pid()));
 * p.start();                        // p = Process(target=f); p.start()
 * p.join();                         // p.join()
 * p.exitcode();                     // 0
 * }</pre>
 *
 * <p><b>What it reproduces</b>, each fact checked against CPython 3.11 ({@code ProcessTest}):
 * <ul>
 *   <li>{@link #name()} is {@code Process-N}, N counting every {@code Process} this JVM created;</li>
 *   <li>{@link #pid()} and {@link #exitcode()} are null (Python's {@code None}) until started,
 *       and until ended respectively; {@link #isAlive()} is false before {@link #start()};</li>
 *   <li>{@link #exitcode()}: 0 when the target returns; 1 when it throws, after the child printed
 *       {@code Process Process-N:} and the stack trace to standard error; {@code n} when it calls
 *       {@code System.exit(n)} (Python's {@code sys.exit(n)}); {@code -15} after {@link #terminate()}
 *       (SIGTERM), {@code -9} after {@link #kill()} (SIGKILL) — minus the signal, whoever sent it;</li>
 *   <li>{@link #join(Duration)} returns when the time is up even if the child still runs:
 *       ask {@link #isAlive()} afterwards, as in Python;</li>
 *   <li>starting twice, joining before starting, setting {@link #daemon(boolean)} after starting
 *       raise Python's {@code AssertionError}, here an {@link IllegalStateException} with Python's
 *       words; {@link #close()} of a running process raises Python's {@code ValueError}, here an
 *       {@link IllegalStateException} too;</li>
 *   <li>when this JVM exits normally, daemonic children are terminated and the others are
 *       joined (Python's {@code atexit} handler does the same); a daemonic process may not start
 *       processes of its own.</li>
 * </ul>
 *
 * <p><b>How.</b> {@link #start()} pickles the target (a {@link PicklingError} names what cannot
 * be sent), starts a JVM with the same command line as a {@link Pool}'s workers
 * ({@link WorkerCommand}) but {@link ProcessMain} as its main, and writes the target to its
 * standard input. The child's standard output and error are copied to this JVM's
 * {@code System.out} and {@code System.err}, as a Python child writes to the same terminal.
 * The target's arguments are whatever its lambda captures: {@code new Process(() -> work(x))}
 * is Python's {@code Process(target=work, args=(x,))}. Nothing comes back but the exit code:
 * send results through a {@link Queue} or a {@link Pipe}.
 *
 * <p><b>Deviations.</b> Java cannot tell a child killed by signal {@code s} from one that called
 * {@code System.exit(128 + s)}: both read as {@code -s}. Python's {@code terminate()} before
 * {@code start()} fails by accident ({@code AttributeError} on {@code None}); here it is an
 * {@link IllegalStateException} saying so. A child whose parent dies, even by SIGKILL, exits
 * too (a Python child would live on as an orphan).
 *
 * <p>Thread-safety: every method may be called from any thread; the state below is guarded by
 * this object's lock.
 */
public final class Process {
    /** Python's {@code _process_counter}: every Process created in this JVM takes the next number. */
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Started and not yet seen to end: for the exit hook, and so that no child's pipe is collected early. */
    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();
    private static final Pool.Options OPTIONS = Pool.Options.processes(1);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Process::atExit, "multiprocessing-atexit"));
    }

    private final PicklableRunnable target;
    // @GuardedBy("this")
    private String name;
    // @GuardedBy("this")
    private boolean daemon;
    // @GuardedBy("this") — null until started
    private java.lang.Process child;
    // @GuardedBy("this") — the pipe to the child's standard input, open while it runs
    private OutputStream toChild;
    // @GuardedBy("this")
    private List<Thread> copiers = List.of();
    // @GuardedBy("this")
    private boolean closed;

    /** A process that will run {@code target}: {@code Process(target=f)}; call {@link #start()}. */
    public Process(PicklableRunnable target) {
        this.target = Objects.requireNonNull(target, "target");
        this.name = "Process-" + COUNTER.incrementAndGet();
    }

    /** Its name: {@code Process-N} unless set. */
    public synchronized String name() {
        return name;
    }

    /** Sets its name ({@code p.name = "..."}); returns this process. */
    public synchronized Process name(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
        return this;
    }

    /** Whether it is daemonic: terminated, rather than waited for, when this JVM exits. */
    public synchronized boolean daemon() {
        return daemon;
    }

    /**
     * Sets the daemon flag ({@code p.daemon = True}); returns this process.
     *
     * @throws IllegalStateException once started (Python: {@code AssertionError: process has already started})
     */
    public synchronized Process daemon(boolean flag) {
        checkOpen();
        if (child != null) {
            throw new IllegalStateException("process has already started");
        }
        this.daemon = flag;
        return this;
    }

    /**
     * Starts the child process: {@code p.start()}. Returns without waiting for the target.
     *
     * @throws IllegalStateException if it was started before (Python: {@code AssertionError:
     *                               cannot start a process twice}), or this is a daemonic child
     * @throws PicklingError         if the target cannot be sent to another process
     */
    public synchronized void start() {
        checkOpen();
        if (child != null) {
            throw new IllegalStateException("cannot start a process twice");
        }
        if (ProcessMain.daemonic) {
            throw new IllegalStateException("daemonic processes are not allowed to have children");
        }
        Pickle.dumps(target);
        try {
            child = new ProcessBuilder(WorkerCommand.of(OPTIONS, ProcessMain.class)).start();
            copiers = List.of(copy(child.getInputStream(), () -> System.out, "stdout"),
                    copy(child.getErrorStream(), () -> System.err, "stderr"));
            CHILDREN.add(this);
            toChild = child.getOutputStream();
            var out = new ObjectOutputStream(new BufferedOutputStream(toChild));
            out.writeUTF(name);
            out.writeBoolean(daemon);
            out.writeUTF(Pickle.packageOf(target));
            out.writeObject(target);
            out.flush();
        } catch (IOException e) {
            if (child != null) {
                child.destroyForcibly();
            }
            throw new UncheckedIOException("could not start process " + name + ": " + e.getMessage(), e);
        }
    }

    /** Copies what the child writes to one of its streams to ours, as it comes. */
    private Thread copy(InputStream from, Supplier<PrintStream> to, String which) {
        return Thread.ofPlatform().daemon(true).name(name + "-" + which).start(() -> {
            var buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    PrintStream target = to.get();
                    target.write(buffer, 0, n);
                    target.flush();
                }
            } catch (IOException closed) {
                // the child is gone
            }
        });
    }

    /**
     * Waits until the process ends: {@code p.join()}. Everything the child printed has been
     * copied by the time it returns.
     *
     * @throws IllegalStateException if it was never started (Python: {@code AssertionError: can
     *                               only join a started process})
     */
    public void join() throws InterruptedException {
        started("join").waitFor();
        reap();
    }

    /**
     * Waits until the process ends or {@code timeout} passes, whichever comes first:
     * {@code p.join(timeout)}. Like Python's, it returns nothing: ask {@link #isAlive()}.
     */
    public void join(Duration timeout) throws InterruptedException {
        if (started("join").waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            reap();
        }
    }

    /** Whether it was started and has not ended: {@code p.is_alive()}. */
    public synchronized boolean isAlive() {
        checkOpen();
        return child != null && child.isAlive();
    }

    /** The child's process id, or null before {@link #start()}: {@code p.pid}. */
    public synchronized Long pid() {
        checkOpen();
        return child == null ? null : child.pid();
    }

    /**
     * How it ended, or null while it runs or before it starts: {@code p.exitcode}. 0 for a normal
     * end, 1 if the target threw, n after {@code System.exit(n)}, minus the signal if it was
     * killed by one (-15 SIGTERM, -9 SIGKILL, -2 SIGINT).
     */
    public synchronized Integer exitcode() {
        checkOpen();
        if (child == null || child.isAlive()) {
            return null;
        }
        return exitcode(child.exitValue());
    }

    /**
     * Python's reading of a JVM's exit value: the JDK reports a process killed by signal
     * {@code s} as {@code 128 + s}, Python as {@code -s}.
     */
    static int exitcode(int exitValue) {
        return exitValue > 128 && exitValue <= 128 + 64 ? -(exitValue - 128) : exitValue;
    }

    /** Sends SIGTERM: {@code p.terminate()}. The JVM child runs its shutdown hooks and ends; exitcode -15. */
    public void terminate() {
        java.lang.Process running = started("terminate");
        running.destroy();
    }

    /** Sends SIGKILL: {@code p.kill()}. The child ends at once; exitcode -9. */
    public void kill() {
        java.lang.Process running = started("kill");
        running.destroyForcibly();
    }

    /**
     * Releases what the process object holds: {@code p.close()}. Afterwards every other method
     * raises, as in Python.
     *
     * @throws IllegalStateException while the child runs (Python's {@code ValueError})
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (child != null && child.isAlive()) {
            throw new IllegalStateException("Cannot close a process while it is still running."
                    + " You should first call join() or terminate().");
        }
        if (child != null) {
            reap();
        }
        closed = true;
    }

    private synchronized java.lang.Process started(String what) {
        checkOpen();
        if (child == null) {
            throw new IllegalStateException("can only " + what + " a started process");
        }
        return child;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("process object is closed");
        }
    }

    /** The child has ended: let its output be copied out, release its pipe. */
    private synchronized void reap() {
        for (Thread copier : copiers) {
            try {
                copier.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            toChild.close();
        } catch (IOException alreadyClosed) {
            // the child is gone
        }
        CHILDREN.remove(this);
    }

    /** Python's exit function: terminate daemonic children, then wait for the others. */
    private static void atExit() {
        for (Process p : CHILDREN) {
            if (p.daemon() && p.isAlive()) {
                p.terminate();
            }
        }
        for (Process p : CHILDREN) {
            try {
                p.started("join").waitFor();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** As Python prints it: {@code <Process name='Process-1' parent=45 initial>}, {@code <Process name='Process-1' pid=123 parent=45 started daemon>}. */
    @Override
    public synchronized String toString() {
        String state = closed ? "closed" : child == null ? "initial"
                : child.isAlive() ? "started" : "stopped exitcode=" + exitcodeName(exitcode(child.exitValue()));
        return "<Process name='" + name + "'" + (child == null ? "" : " pid=" + child.pid()) + " parent="
                + ProcessHandle.current().pid() + " " + state + (daemon ? " daemon" : "") + ">";
    }

    private static String exitcodeName(int code) {
        return switch (code) {
            case -15 -> "-SIGTERM";
            case -9 -> "-SIGKILL";
            case -2 -> "-SIGINT";
            default -> String.valueOf(code);
        };
    }
}
