package dev.rosetta.multiprocessing;

import java.util.List;

/**
 * What crosses the pipe between the pool and a worker, one frame each ({@link Wire} says how).
 *
 * <pre>
 * pool → worker:  Start(initializer) · Define(id, function) · Job(id, function id, arguments, traced) · Stop
 * worker → pool:  Ready(pid) · Done(id, results, spans) · Failed(id, index, type, message, trace, exception)
 * </pre>
 * A function is sent once per worker ({@code Define}) and named by its id in each job, so a
 * chunk of one tiny task costs only its arguments.
 */
sealed interface Message {
    /** First message to a worker: the code to run before any task (may be null). */
    record Start(PicklableRunnable initializer) implements Message {
    }

    /** A function the next jobs will name by {@code id}. */
    record Define(long id, PicklableFunction<Object, Object> function) implements Message {
    }

    /**
     * A chunk of tasks: apply function {@code function} to each argument, in order; with
     * {@code traced}, time the chunk and send its span back with the results.
     */
    record Job(long id, long function, List<Object> arguments, boolean traced) implements Message {
        /** A chunk the parent is not tracing. */
        Job(long id, long function, List<Object> arguments) {
            this(id, function, arguments, false);
        }
    }

    /** Finish: exit after the jobs already received. */
    record Stop() implements Message {
    }

    /** The worker is up, the initializer has run. */
    record Ready(long pid) implements Message {
    }

    /**
     * A chunk's results, in the order of its arguments, and the spans the worker recorded for
     * it ({@link dev.rosetta.trace.Span#encode()}d; none unless the job was traced).
     */
    record Done(long id, List<Object> results, List<String> spans) implements Message {
        /** A chunk's results, without spans. */
        Done(long id, List<Object> results) {
            this(id, results, List.of());
        }
    }

    /**
     * A task of chunk {@code id} raised: its position in the chunk and the exception, as text,
     * and as bytes when it serialises ({@code exception}, else null), to be raised again whole.
     */
    record Failed(long id, int index, String type, String message, String trace, byte[] exception) implements Message {
    }
}
