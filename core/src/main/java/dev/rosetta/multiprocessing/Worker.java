package dev.rosetta.multiprocessing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The pool's side of one worker process: the process, the two ends of its pipe, and the chunks
 * it holds. At most {@link #WINDOW} chunks are sent ahead to one worker: enough to hide the
 * pipe's round trip behind the work, few enough that a worker cannot hoard tasks another worker
 * could run.
 *
 * <p>Thread-safety: {@link #send} is synchronised (the pool's submitter and the worker's
 * dispatcher may both write); {@link #read} belongs to the worker's results thread alone.
 */
final class Worker {
    /** Chunks in flight per worker. */
    static final int WINDOW = 2;

    final int number;
    final Process process;
    final Map<Long, Chunk> inFlight = new ConcurrentHashMap<>();
    final Semaphore window = new Semaphore(WINDOW);
    /** Set when the worker has run its share (maxTasksPerChild) or the pool is closing. */
    volatile boolean retiring;
    /** The thread that feeds this worker; interrupted when the worker ends. */
    volatile Thread dispatcher;
    // @GuardedBy("this")
    private final ObjectOutputStream out;
    // @GuardedBy("this") — functions this worker already has
    private final Set<Long> defined = new HashSet<>();
    private ObjectInputStream in;
    private final ObjectInputFilter filter;

    private Worker(int number, Process process, ObjectInputFilter filter) throws IOException {
        this.number = number;
        this.process = process;
        this.filter = filter;
        this.out = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        out.flush();
    }

    /** Starts the process; does not wait for it (see {@link #handshake}), so many can boot at once. */
    static Worker spawn(int number, List<String> command, ObjectInputFilter filter) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new Worker(number, process, filter);
    }

    /** Sends the initializer and waits until the worker says it is ready. */
    void handshake(PicklableRunnable initializer) throws IOException {
        send(new Message.Start(initializer));
        in = new ObjectInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
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

    /** Sends a chunk, preceded by its function if this worker has not seen it yet. */
    synchronized void sendJob(Chunk chunk) throws IOException {
        if (defined.add(chunk.functionId)) {
            writeAndFlush(new Message.Define(chunk.functionId, chunk.function), false);
        }
        writeAndFlush(new Message.Job(chunk.id, chunk.functionId, chunk.arguments), true);
    }

    synchronized void send(Message message) throws IOException {
        writeAndFlush(message, true);
    }

    private void writeAndFlush(Message message, boolean flush) throws IOException {
        out.writeObject(message);
        out.reset();
        if (flush) {
            out.flush();
        }
    }

    /** The next message from the worker (results thread only). */
    Message read() throws IOException, ClassNotFoundException {
        try {
            return (Message) in.readObject();
        } catch (InvalidClassException e) {
            throw Pickle.refused(e);
        }
    }

    /** How the process ended, in words, once it has: "exit code 1", "killed by SIGKILL". */
    String howItEnded() {
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
