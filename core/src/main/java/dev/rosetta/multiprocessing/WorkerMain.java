package dev.rosetta.multiprocessing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main of a worker process: read a message from standard input, run it, write the answer to
 * standard output, until {@code Stop} or the end of input.
 *
 * <p>The end of input is how a worker learns that its parent is gone, even after a
 * {@code kill -9}: the kernel closes the parent's end of the pipe, the read returns EOF and the
 * worker exits — no orphans. {@code System.out} is pointed at standard error so that a task's
 * prints cannot corrupt the protocol.
 *
 * <p>Arguments: the extra allow-list patterns for reading (see {@link Pickle#allowList}).
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** Serves one pool until told to stop or orphaned. */
    public static void main(String[] args) throws IOException {
        var toPool = new ObjectOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        // the buffer reads from the pipe only when it is empty: that is when to flush answers
        var fromPool = new ObjectInputStream(new BufferedInputStream(
                new FlushBeforeWaiting(new FileInputStream(FileDescriptor.in), toPool), 1 << 16));
        fromPool.setObjectInputFilter(Pickle.allowList(List.of(args)));
        Map<Long, PicklableFunction<Object, Object>> functions = new HashMap<>();
        try {
            while (true) {
                switch (read(fromPool)) {
                    case Message.Start start -> {
                        if (start.initializer() != null) {
                            start.initializer().run();
                        }
                        send(toPool, new Message.Ready(ProcessHandle.current().pid()));
                    }
                    case Message.Define define -> functions.put(define.id(), define.function());
                    case Message.Job job -> {
                        toPool.writeObject(run(job, functions.get(job.function())));
                        if (++sent % Worker.RESET_EVERY == 0) {
                            toPool.reset();
                        }
                    }
                    case Message.Stop stop -> {
                        toPool.flush();
                        System.exit(0);
                    }
                    case Message.Ready _, Message.Done _, Message.Failed _ ->
                            throw new IllegalStateException("a worker only answers Ready, Done and Failed");
                }
            }
        } catch (EOFException parentGone) {
            System.exit(0);
        } catch (Exception e) {
            System.err.println("worker " + ProcessHandle.current().pid() + " failed: " + e);
            System.exit(1);
        }
    }

    private static Message read(ObjectInputStream in) throws IOException, ClassNotFoundException {
        try {
            return (Message) in.readObject();
        } catch (InvalidClassException e) {
            throw Pickle.refused(e);
        }
    }

    private static Message run(Message.Job job, PicklableFunction<Object, Object> function) {
        var results = new ArrayList<>(job.arguments().size());
        for (int i = 0; i < job.arguments().size(); i++) {
            try {
                Object result = function.apply(job.arguments().get(i));
                if (result != null && !(result instanceof java.io.Serializable)) {
                    throw new PicklingError("the task returned a " + result.getClass().getName()
                            + ", which is not Serializable: a result must cross back to the parent", null);
                }
                results.add(result);
            } catch (Throwable failure) {
                var trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                return new Message.Failed(job.id(), i, failure.getClass().getName(), String.valueOf(failure.getMessage()),
                        trace.toString());
            }
        }
        return new Message.Done(job.id(), results);
    }

    private static long sent;

    private static void send(ObjectOutputStream out, Message message) throws IOException {
        out.writeObject(message);
        out.flush();
    }

    /**
     * Answers wait in the output buffer while more jobs are already here, and are flushed just
     * before the worker would block for input: a run of small jobs costs one write, and no
     * answer is ever held back while the pool waits for it.
     */
    private static final class FlushBeforeWaiting extends java.io.FilterInputStream {
        private final java.io.Flushable answers;

        FlushBeforeWaiting(java.io.InputStream in, java.io.Flushable answers) {
            super(in);
            this.answers = answers;
        }

        @Override
        public int read() throws IOException {
            flushIfEmpty();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            flushIfEmpty();
            return super.read(buffer, offset, length);
        }

        private void flushIfEmpty() throws IOException {
            if (in.available() == 0) {
                answers.flush();
            }
        }
    }
}
