package dev.rosetta.multiprocessing;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.TraceClock;
import dev.rosetta.trace.Tracer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
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
 * <p>A traced job ({@link Message.Job#traced()}) is timed, and its span goes back with its
 * results; the pool relabels it with this worker's number and pid.
 *
 * <p>Arguments: the extra allow-list patterns for reading (see {@link Pickle#allowList}).
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** Serves one pool until told to stop or orphaned. */
    public static void main(String[] args) throws IOException {
        var answers = new Answers(new ObjectOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)));
        System.setOut(System.err);
        // the buffer reads from the pipe only when it is empty: that is when to flush answers
        var fromPool = new ObjectInputStream(new BufferedInputStream(
                new FlushBeforeWaiting(new FileInputStream(FileDescriptor.in), answers), 1 << 16));
        fromPool.setObjectInputFilter(Pickle.allowList(List.of(args)));
        Map<Long, PicklableFunction<Object, Object>> functions = new HashMap<>();
        try {
            while (true) {
                switch (Wire.read(fromPool)) {
                    case Message.Start start -> {
                        if (start.initializer() != null) {
                            start.initializer().run();
                        }
                        answers.write(new Message.Ready(ProcessHandle.current().pid()));
                        answers.flush();
                    }
                    case Message.Define define -> functions.put(define.id(), define.function());
                    case Message.Job job -> {
                        answers.running();
                        answers.write(run(job, functions.get(job.function())));
                    }
                    case Message.Stop stop -> {
                        answers.flush();
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

    /** Checks results before they are written: a half-written answer would break the pipe. */
    private static final Pickle.Checker RESULTS = new Pickle.Checker();

    private static Message run(Message.Job job, PicklableFunction<Object, Object> function) {
        if (!job.traced()) {
            return compute(job, function);
        }
        long start = TraceClock.nowMicros();
        Message answer;
        List<Span> inside;
        try (Tracer tracer = Tracer.record()) { // the task's own spans (a joblib batch, ...) go back too
            answer = compute(job, function);
            inside = tracer.spans();
        }
        if (!(answer instanceof Message.Done done)) {
            return answer;
        }
        var spans = new ArrayList<String>(1 + inside.size());
        spans.add(new Span("chunk " + job.id(), Lane.current(), start, TraceClock.nowMicros(),
                Map.of(Span.KIND, "chunk", "tasks", Integer.toString(done.results().size()))).encode());
        inside.forEach(span -> spans.add(span.encode()));
        return new Message.Done(job.id(), done.results(), spans);
    }

    private static Message compute(Message.Job job, PicklableFunction<Object, Object> function) {
        var results = new ArrayList<>(job.arguments().size());
        for (int i = 0; i < job.arguments().size(); i++) {
            try {
                Object result = function.apply(job.arguments().get(i));
                RESULTS.check(result, "the result of the task");
                results.add(result);
            } catch (Throwable failure) {
                var trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                return new Message.Failed(job.id(), i, failure.getClass().getName(), String.valueOf(failure.getMessage()),
                        trace.toString(), RemoteError.pickled(failure));
            }
        }
        return new Message.Done(job.id(), results);
    }

    /**
     * The answers, written by the main thread and flushed by whichever comes first: the main
     * thread about to wait for input (nothing left to do: send everything), or the flusher, a
     * fraction of a millisecond after a job started while answers were still in the buffer.
     * Without the flusher, a quick task's answer written just before a slow task starts would
     * wait in the buffer until the slow one ends (and be lost if the worker is killed meanwhile).
     *
     * <p>The flusher is woken only then — not at every answer: one task at a time (write, then
     * wait for input, which flushes) never wakes it, and a thread woken for nothing costs a
     * round trip its wake-up on a 2-core machine.
     *
     * <p>Thread-safety: every method holds this object's lock; the stream is only touched under it.
     */
    private static final class Answers implements java.io.Flushable {
        /** How long an answer may wait for others to share its write. */
        private static final long GRACE_NANOS = 200_000;
        private final ObjectOutputStream out;
        // @GuardedBy("this")
        private boolean dirty;
        /** A job started while answers waited in the buffer: the flusher's cue. */
        // @GuardedBy("this")
        private boolean heldBehindJob;
        // @GuardedBy("this")
        private long written;

        Answers(ObjectOutputStream out) {
            this.out = out;
            Thread.ofPlatform().daemon(true).name("answer-flusher").start(this::flushLate);
        }

        synchronized void write(Message answer) throws IOException {
            Wire.write(out, answer);
            if (++written % Wire.RESET_EVERY == 0) {
                out.reset();
            }
            dirty = true;
        }

        /** The main thread starts a job: answers still buffered must not wait for it to end. */
        synchronized void running() {
            if (dirty && !heldBehindJob) {
                heldBehindJob = true;
                notifyAll();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
            dirty = false;
            heldBehindJob = false;
        }

        private void flushLate() {
            try {
                while (true) {
                    synchronized (this) {
                        while (!heldBehindJob) {
                            wait();
                        }
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(GRACE_NANOS);
                    flush();
                }
            } catch (InterruptedException | IOException e) {
                // the process is ending
            }
        }
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
