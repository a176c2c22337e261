package dev.rosetta.trace;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records spans from any number of threads, cheaply, for a timeline or a Chrome trace: what
 * {@code ray.timeline()} and dask's task stream show, for every row.
 *
 * <p><b>Recording what the rows do.</b> {@link #record()} switches tracing on for the whole
 * JVM until the tracer is closed: meanwhile the GIL simulation, the multiprocessing
 * {@code Pool} (and so {@code ProcessPoolExecutor}; workers send their spans back with their
 * answers), the futures of {@code Futures.submit} and the asyncio event loop record their spans
 * into it.
 * <pre>{@code
 * try (Tracer tracer = Tracer.record()) {
 *     pool.map(Work::square, numbers);
 *     SvgTimeline.write(Path.of("pool.svg"), tracer.spans(), "Pool(2).map");
 *     ChromeTrace.write(Path.of("pool.json"), tracer.spans());     // opens in ui.perfetto.dev
 * }
 * }</pre>
 * The example mains do this for you with {@code --timeline FILE} ({@link TimelineFlag}).
 *
 * <p><b>Off costs nothing.</b> A row asks {@link #active()} (one volatile read) and records only
 * when it is not null; with tracing off nothing is allocated and no clock is read. A row records so:
 * <pre>{@code
 * Tracer tracer = Tracer.active();
 * long start = tracer == null ? 0 : TraceClock.nowMicros();
 * work();
 * if (tracer != null) {
 *     tracer.record(new Span("chunk 3", Lane.current(), start, TraceClock.nowMicros(), Map.of(Span.KIND, "chunk")));
 * }
 * }</pre>
 *
 * <p><b>A tracer of your own.</b> {@code new Tracer()} records only what you give it:
 * <pre>{@code
 * var tracer = new Tracer();
 * try (var span = tracer.span("task-3")) {
 *     work();
 * }
 * System.out.println(Timeline.render(tracer.spans(), 60));
 * }</pre>
 *
 * <p>Recording a span costs two clock reads and one lock-free queue insert, so it can wrap
 * tasks of a few microseconds without changing what it measures much. {@link #disabled()}
 * records nothing and costs almost nothing: pass it where tracing is off.
 *
 * <p>Thread-safety: every method may be called from any thread at any time; {@link #spans()}
 * is a snapshot that does not block recording. {@link #record()} and {@link #close()} are
 * atomic with respect to each other; a span a row recorded just before {@code close} may still
 * arrive just after it (a worker's answer in flight).
 */
public class Tracer implements AutoCloseable {
    private static final Tracer DISABLED = new Tracer() {
        @Override
        public Scope span(String name, Map<String, String> args) {
            return Scope.NOTHING;
        }

        @Override
        public void record(Span span) {
        }
    };

    /** The tracer the rows record into; null when tracing is off. */
    private static volatile Tracer active;

    private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
    /** The tracer that was active when this one started recording, restored when it closes. */
    // @GuardedBy("Tracer.class")
    private Tracer previous;
    // @GuardedBy("Tracer.class")
    private boolean recording;

    /** An open span; closing it records it. Close it on the thread that opened it. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** A scope that records nothing. */
        Scope NOTHING = () -> {
        };

        /** Ends the span and records it. */
        @Override
        void close();
    }

    /**
     * Switches tracing on: from now until {@link #close()}, every row records its spans into the
     * tracer returned. Recordings nest: closing an inner one makes the outer one active again.
     */
    public static Tracer record() {
        var tracer = new Tracer();
        synchronized (Tracer.class) {
            tracer.previous = active;
            tracer.recording = true;
            active = tracer;
        }
        return tracer;
    }

    /** The tracer the rows record into now, or null when tracing is off: one volatile read. */
    public static Tracer active() {
        return active;
    }

    /**
     * Stops this tracer's {@link #record() recording} (its spans stay readable); does nothing
     * for a tracer that is not recording.
     */
    @Override
    public void close() {
        synchronized (Tracer.class) {
            if (!recording) {
                return;
            }
            recording = false;
            if (active == this) {
                active = previous;
            } else {
                // an inner recording is still open: it falls back past this one when it closes
                for (Tracer t = active; t != null; t = t.previous) {
                    if (t.previous == this) {
                        t.previous = previous;
                    }
                }
            }
        }
    }

    /** Records a span that takes no time (a drop request, a submit) on the calling thread's lane. */
    public void instant(String name, Map<String, String> args) {
        long now = TraceClock.nowMicros();
        record(new Span(name, Lane.current(), now, now, args));
    }

    /** A tracer that records nothing. */
    public static Tracer disabled() {
        return DISABLED;
    }

    /** Opens a span named {@code name} on the calling thread's lane. */
    public Scope span(String name) {
        return span(name, Map.of());
    }

    /** Opens a span with details; it is recorded when the scope closes. */
    public Scope span(String name, Map<String, String> args) {
        Lane lane = Lane.current();
        long start = TraceClock.nowMicros();
        return () -> record(new Span(name, lane, start, TraceClock.nowMicros(), args));
    }

    /** Records a finished span: one measured elsewhere, or decoded from a worker process. */
    public void record(Span span) {
        spans.add(span);
    }

    /** Records finished spans, for example a worker's batch. */
    public void addAll(Collection<Span> finished) {
        finished.forEach(this::record);
    }

    /** A snapshot of the spans recorded so far, ordered by start time. */
    public List<Span> spans() {
        return spans.stream().sorted(Comparator.comparingLong(Span::startMicros)).toList();
    }

    /** Forgets every span recorded so far. */
    public void clear() {
        spans.clear();
    }
}
