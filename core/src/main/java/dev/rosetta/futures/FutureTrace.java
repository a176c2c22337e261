package dev.rosetta.futures;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.TraceClock;
import dev.rosetta.trace.Tracer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spans of a future's life while {@link Tracer#record() tracing} is on: submit → start → done.
 * <ul>
 *   <li>{@value #SUBMIT} (takes no time) on the submitting thread's lane;</li>
 *   <li>{@value #RUNS} on the lane of the thread that ran it, from start to done, with how long
 *       it waited in the queue ({@code queued_us}); for a process pool this is the worker's
 *       "chunk" span instead (see {@link dev.rosetta.multiprocessing.Pool});</li>
 *   <li>{@value #DONE} (takes no time), for a process pool's future, on the results thread
 *       that completed it.</li>
 * </ul>
 * Futures are numbered ({@code future-1}, ...) only while tracing, so the three can be matched.
 * With tracing off a future costs one volatile read (at submit) and one null field.
 *
 * <p>Thread-safety: stateless apart from the atomic counter.
 */
final class FutureTrace {
    static final String SUBMIT = "submit";
    static final String RUNS = "future runs";
    static final String DONE = "future done";
    private static final AtomicLong NUMBERS = new AtomicLong();

    private FutureTrace() {
    }

    /** A traced future: its number and when it was submitted. */
    record Submitted(long number, long atMicros) {
        /** It ran on the calling thread from {@code started} until now. */
        void ran(long started) {
            Tracer tracer = Tracer.active();
            if (tracer != null) {
                tracer.record(new Span("future-" + number, Lane.current(), started, TraceClock.nowMicros(),
                        Map.of(Span.KIND, RUNS, "queued_us", Long.toString(started - atMicros))));
            }
        }
    }

    /** Records a submit on the calling thread's lane; null (and nothing allocated) when not tracing. */
    static Submitted submitted() {
        Tracer tracer = Tracer.active();
        if (tracer == null) {
            return null;
        }
        var submitted = new Submitted(NUMBERS.incrementAndGet(), TraceClock.nowMicros());
        tracer.record(new Span("submit future-" + submitted.number, Lane.current(), submitted.atMicros,
                submitted.atMicros, Map.of(Span.KIND, SUBMIT)));
        return submitted;
    }

    /** The future submitted as {@code submitted} (null: not traced) was completed by the calling thread. */
    static void done(Submitted submitted) {
        Tracer tracer = submitted == null ? null : Tracer.active();
        if (tracer != null) {
            tracer.instant("future-" + submitted.number + " done", Map.of(Span.KIND, DONE));
        }
    }
}
