package dev.rosetta.exercises.asyncio;

import java.util.PriorityQueue;

/**
 * Classic mistake: deadlines compared by subtraction, {@code (int) (when - other.when)}, the
 * "compareTo in one line" trick. BROKEN: the difference of two longs does not fit in an int (nor,
 * at the extremes, in a long): deadlines far apart compare the wrong way round, so a timer at
 * {@code Long.MIN_VALUE} may come after one at {@code Long.MAX_VALUE}. Use {@code Long.compare}.
 */
public class TimerHeap {

    /** One scheduled callback (Python's {@code TimerHandle}). */
    public static final class Timer implements Comparable<Timer> {
        final long when;
        final long sequence;
        final Runnable callback;
        boolean cancelled;

        Timer(long when, long sequence, Runnable callback) {
            this.when = when;
            this.sequence = sequence;
            this.callback = callback;
        }

        /** Stops the callback from running, if it has not run yet. */
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = (int) (when - other.when);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private long sequence;

    /** Schedules {@code callback} to run at time {@code when}. */
    public Timer callAt(long when, Runnable callback) {
        var timer = new Timer(when, sequence++, callback);
        heap.add(timer);
        return timer;
    }

    /** Runs every timer due at or before {@code now}, in deadline order; how many ran. */
    public int runDue(long now) {
        int ran = 0;
        while (!heap.isEmpty() && heap.peek().when <= now) {
            Timer timer = heap.poll();
            if (!timer.cancelled) {
                timer.callback.run();
                ran++;
            }
        }
        return ran;
    }

    /** The deadline of the earliest timer not cancelled, or -1 if there is none. */
    public long nextDeadline() {
        while (!heap.isEmpty() && heap.peek().cancelled) {
            heap.poll();
        }
        return heap.isEmpty() ? -1 : heap.peek().when;
    }
}
