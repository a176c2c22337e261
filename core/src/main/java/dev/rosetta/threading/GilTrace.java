package dev.rosetta.threading;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.TraceClock;
import dev.rosetta.trace.Tracer;
import java.util.Map;

/**
 * The spans a GIL records while {@link Tracer#record() tracing} is on, on the lane of the thread
 * concerned:
 * <ul>
 *   <li>{@value #HOLDS}: from {@code take_gil} to {@code drop_gil}; in a timeline the threads'
 *       bars take turns and never overlap ({@value #HOLDS_OLD} for the GIL before 3.2);</li>
 *   <li>{@value #DROP_REQUEST} (takes no time), on the waiter that made it, naming the holder:
 *       a switch interval ran out;</li>
 *   <li>{@value #FORCED_SWITCH}: a holder that was asked to drop waits until another thread
 *       has the GIL (3.2+ only).</li>
 * </ul>
 * With tracing off each call is one volatile read and allocates nothing.
 *
 * <p>Thread-safety: stateless; called by the thread the span is about.
 */
final class GilTrace {
    static final String HOLDS = "holds GIL";
    static final String HOLDS_OLD = "holds old GIL";
    static final String DROP_REQUEST = "drop request";
    static final String FORCED_SWITCH = "forced switch";
    private static final Map<String, String> HOLDS_ARGS = Map.of(Span.KIND, HOLDS);
    private static final Map<String, String> HOLDS_OLD_ARGS = Map.of(Span.KIND, HOLDS_OLD);
    private static final Map<String, String> FORCED_SWITCH_ARGS = Map.of(Span.KIND, FORCED_SWITCH);

    private GilTrace() {
    }

    /** Now on the trace clock if tracing is on, else 0 (nothing to record later). */
    static long holdStarts() {
        return Tracer.active() == null ? 0 : TraceClock.nowMicros();
    }

    /** The calling thread lets the GIL go, having held it since {@code since} (0: not traced). */
    static void holdEnds(long since) {
        record(HOLDS, since, HOLDS_ARGS);
    }

    /** The calling thread held the old GIL from {@code since} (0: not traced) to {@code until}. */
    static void oldGilHeld(long since, long until) {
        Tracer tracer = since == 0 ? null : Tracer.active();
        if (tracer != null) {
            tracer.record(new Span(HOLDS_OLD, Lane.current(), since, Math.max(since, until), HOLDS_OLD_ARGS));
        }
    }

    /** The calling thread waited one switch interval in vain and asks {@code holder} to drop the GIL. */
    static void dropRequest(Thread holder) {
        Tracer tracer = Tracer.active();
        if (tracer != null) {
            tracer.instant(DROP_REQUEST, Map.of(Span.KIND, DROP_REQUEST,
                    "holder", holder == null ? "?" : holder.getName()));
        }
    }

    /** The calling thread, asked to drop, waited from {@code since} until another thread took the GIL. */
    static void forcedSwitch(long since) {
        record(FORCED_SWITCH, since, FORCED_SWITCH_ARGS);
    }

    private static void record(String name, long since, Map<String, String> args) {
        if (since == 0) {       // not traced: not even the volatile read
            return;
        }
        Tracer tracer = Tracer.active();
        if (tracer != null) {
            tracer.record(new Span(name, Lane.current(), since, TraceClock.nowMicros(), args));
        }
    }
}
