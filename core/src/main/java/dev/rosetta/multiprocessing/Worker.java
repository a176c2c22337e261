package dev.rosetta.multiprocessing;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Tracer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.Process; // the JDK's, not this package's (Python's Process)
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool's side of one worker process: the process, the two ends of its pipe, and the chunks
 * it holds. How many chunks may be sent ahead to it is its {@link SendWindow}'s business.
 *
 * <p>Thread-safety: {@link #send} is synchronised (the pool's submitter and the worker's
 * dispatcher may both write); {@link #read} belongs to the worker's results thread alone.
 */
final class Worker {
    final int number;
    final Process process;
    final Map<Long, Chunk> inFlight = new ConcurrentHashMap<>();
    /** How far ahead the dispatcher may send (see there). */
    final SendWindow window = new SendWindow(inFlight::size);
    /** Set when the worker has run its share (maxTasksPerChild) or the pool is closing. */
    volatile boolean retiring;
    /** The thread that feeds this worker; interrupted when the worker ends. */
    volatile Thread dispatcher;
    // @GuardedBy("this")
    private final ObjectOutputStream out;
    // @GuardedBy("this") — frames written, for the resets (see Wire)
    private long written;
    // @GuardedBy("this") — functions this worker already has
    private final Set<Long> defined = new HashSet<>();
    private ObjectInputStream in;
    private final ObjectInputFilter filter;
    /** The class loader of the code that made the pool: results are read with its classes. */
    private final ClassLoader loader;

    private Worker(int number, Process process, ObjectInputFilter filter, ClassLoader loader) throws IOException {
        this.number = number;
        this.process = process;
        this.filter = filter;
        this.loader = loader;
        this.out = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        out.flush();
    }

    /** Starts the process; does not wait for it (see {@link #handshake}), so many can boot at once. */
    static Worker spawn(int number, List<String> command, ObjectInputFilter filter, ClassLoader loader)
            throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new Worker(number, process, filter, loader);
    }

    /**
     * Reads classes through the pool creator's class loader: a task may return a class that only
     * the creator's loader knows (an IDE's or the coach's loader for an exercise), which the
     * default rule (the loader of the reading code, the pool's own) would not find.
     */
    private static final class ResolvingInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        ResolvingInputStream(java.io.InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass description) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException notThere) {
                    // a JDK or core class the creator's loader does not see: the default finds it
                }
            }
            return super.resolveClass(description);
        }
    }

    /** Sends the initializer and waits until the worker says it is ready. */
    void handshake(PicklableRunnable initializer) throws IOException {
        send(new Message.Start(initializer));
        in = new ResolvingInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16), loader);
        in.setObjectInputFilter(filter);
        Message hello;
        try {
            hello = read();
        } catch (ClassNotFoundException e) {
            throw new IOException("worker " + number + " sent an unknown class: " + e.getMessage(), e);
        }
        if (!(hello instanceof Message.Ready)) {
            throw new IOException("worker " + number + " answered " + hello + " instead of Ready");
        }
    }

    /**
     * Sends a chunk, preceded by its function if this worker has not seen it yet, asking for its
     * span when tracing is on ({@link Tracer#active()}). With
     * {@code flush} false it stays in the buffer, to go with the next one: one system call for
     * a run of small chunks.
     */
    synchronized void sendJob(Chunk chunk, boolean flush) throws IOException {
        if (defined.add(chunk.functionId)) {
            writeAndFlush(new Message.Define(chunk.functionId, chunk.function), false);
        }
        boolean traced = Tracer.active() != null;
        writeAndFlush(new Message.Job(chunk.id, chunk.functionId, chunk.arguments, traced), flush);
    }

    /** Pushes out whatever is buffered. */
    synchronized void flush() throws IOException {
        out.flush();
    }

    synchronized void send(Message message) throws IOException {
        writeAndFlush(message, true);
    }

    private void writeAndFlush(Message message, boolean flush) throws IOException {
        Wire.write(out, message);
        if (++written % Wire.RESET_EVERY == 0) {
            out.reset();
        }
        if (flush) {
            out.flush();
        }
    }

    /** The next message from the worker (results thread only); null for a frame to skip. */
    Message read() throws IOException, ClassNotFoundException {
        return Wire.read(in);
    }

    /** The label of this worker's lanes in a trace: "worker-1 (pid 1234)". */
    String traceLabel() {
        return Lane.workerProcess(number, process.pid());
    }

    /** Set when the pool itself stops the process, so that the error does not blame a SIGKILL from outside. */
    private volatile String stoppedBecause;

    /** The pool is about to kill this worker, for {@code reason}. */
    void stoppedBecause(String reason) {
        stoppedBecause = reason;
    }

    /** How the process ended, in words, once it has: "exit code 1", "killed by SIGKILL". */
    String howItEnded() {
        if (stoppedBecause != null) {
            return "stopped by the pool: " + stoppedBecause;
        }
        try {
            int code = process.waitFor();
            return code > 128 ? "killed by signal " + (code - 128) + (code == 137 ? " (SIGKILL)" : "")
                    : "exit code " + code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "still running";
        }
    }

    @Override
    public String toString() {
        return "worker " + number + " (pid " + process.pid() + ")";
    }
}
