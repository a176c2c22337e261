package dev.rosetta.exercises.asyncio;

import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: a plain list, run in the order the timers were added, "because they are
 * usually added in order". BROKEN: {@code call_later(0.3)} then {@code call_later(0.1)} runs the
 * 0.3 s timer first, or holds the 0.1 s one back until the 0.3 s one is due.
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

    private final List<Timer> timers = new ArrayList<>();

    public Timer callAt(long when, Runnable callback) {
        var timer = new Timer(when, callback);
        timers.add(timer);
        return timer;
    }

    public int runDue(long now) {
        int ran = 0;
        while (!timers.isEmpty() && timers.getFirst().when <= now) {
            Timer timer = timers.removeFirst();
            if (!timer.cancelled) {
                timer.callback.run();
                ran++;
            }
        }
        return ran;
    }

    public long nextDeadline() {
        return timers.stream().filter(t -> !t.cancelled).mapToLong(t -> t.when).findFirst().orElse(-1);
    }
}
