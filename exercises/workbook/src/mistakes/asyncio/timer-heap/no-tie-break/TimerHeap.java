package dev.rosetta.exercises.asyncio;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Classic mistake: a {@code PriorityQueue} ordered by deadline alone. BROKEN: a heap is not a
 * stable sort, so timers with equal deadlines come out in heap order, not the order they were
 * scheduled: {@code call_soon(a); call_soon(b)} may run b first.
 */
public class TimerHeap {

    /** One scheduled callback. */
    public static final class Timer {
        final long when;
        final Runnable callback;
        boolean cancelled;

        Timer(long when, Runnable callback) {
            this.when = when;
            this.callback = callback;
        }

        /** Stops the callback from running. */
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Timer> heap = new PriorityQueue<>(Comparator.comparingLong((Timer t) -> t.when));

    public Timer callAt(long when, Runnable callback) {
        var timer = new Timer(when, callback);
        heap.add(timer);
        return timer;
    }

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

    public long nextDeadline() {
        while (!heap.isEmpty() && heap.peek().cancelled) {
            heap.poll();
        }
        return heap.isEmpty() ? -1 : heap.peek().when;
    }
}
