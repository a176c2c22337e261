package dev.rosetta.exercises.asyncio;

/**
 * Exercise {@code asyncio/timer-heap}: the timer heap under {@code loop.call_later}.
 *
 * <p>In Python, {@code loop.call_at(when, callback)} pushes a {@code TimerHandle} on a heap
 * ({@code heapq}); each turn the loop pops every timer whose deadline has passed and runs it,
 * and sleeps in {@code select()} until the next deadline. Build that heap's contract here, on a
 * clock the caller drives (milliseconds, any {@code long}, from {@code Long.MIN_VALUE} to
 * {@code Long.MAX_VALUE}):
 *
 * <ul>
 * <li>{@link #runDue(long)} runs every timer due at or before {@code now} (due exactly now counts),
 *     earliest deadline first, each timer once;</li>
 * <li>timers with the <b>same</b> deadline run in the order they were scheduled;</li>
 * <li>a cancelled timer never runs (even when an earlier callback of the same {@code runDue} cancels
 *     it), is not counted, and does not count for {@link #nextDeadline()};</li>
 * <li>a callback may schedule more timers; those already due run in the same {@code runDue}, in
 *     deadline order with the rest;</li>
 * <li>deadlines far apart must not overflow when compared.</li>
 * </ul>
 *
 * <p>Chapter: docs/asyncio.md. Run the tests: {@code ./rosetta learn check asyncio/timer-heap}.
 */
public class TimerHeap {

    /** One scheduled callback (Python's {@code TimerHandle}). */
    public static final class Timer {
        final long when;
        final Runnable callback;
        boolean cancelled;

        Timer(long when, Runnable callback) {
            this.when = when;
            this.callback = callback;
        }

        /** Stops the callback from running, if it has not run yet. */
        public void cancel() {
            cancelled = true;
        }
    }

    /** Schedules {@code callback} to run at time {@code when}. */
    public Timer callAt(long when, Runnable callback) {
        // TODO keep the timers so that the earliest deadline is cheap to find (java.util.PriorityQueue)
        throw new UnsupportedOperationException("TODO: callAt is not written yet");
    }

    /** Runs every timer due at or before {@code now}, in deadline order; how many ran. */
    public int runDue(long now) {
        // TODO pop and run due timers, skipping cancelled ones
        throw new UnsupportedOperationException("TODO: runDue is not written yet");
    }

    /** The deadline of the earliest timer not cancelled, or -1 if there is none: how long the loop may sleep. */
    public long nextDeadline() {
        throw new UnsupportedOperationException("TODO: nextDeadline is not written yet");
    }
}
