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
 * With tracing off a future costs one volatile read (at submit) and allocates nothing more.
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

    /** Now on the trace clock when tracing is on, else 0. */
    static long now() {
        return Tracer.active() == null ? 0 : TraceClock.nowMicros();
    }

    /** Records a submit made {@code at} ({@link #now()}) on the calling thread's lane; the future's number, 0 if not traced. */
    static long submitted(long at) {
        Tracer tracer = at == 0 ? null : Tracer.active();
        if (tracer == null) {
            return 0;
        }
        long number = NUMBERS.incrementAndGet();
        tracer.record(new Span("submit future-" + number, Lane.current(), at, at, Map.of(Span.KIND, SUBMIT)));
        return number;
    }

    /** Future {@code number} (0: not traced) ran on the calling thread from {@code started} until now. */
    static void ran(long number, long submittedAt, long started) {
        Tracer tracer = number == 0 ? null : Tracer.active();
        if (tracer != null) {
            tracer.record(new Span("future-" + number, Lane.current(), started, TraceClock.nowMicros(),
                    Map.of(Span.KIND, RUNS, "queued_us", Long.toString(started - submittedAt))));
        }
    }

    /** Future {@code number} (0: not traced) was completed by the calling thread. */
    static void done(long number) {
        Tracer tracer = number == 0 ? null : Tracer.active();
        if (tracer != null) {
            tracer.instant("future-" + number + " done", Map.of(Span.KIND, DONE));
        }
    }
}
