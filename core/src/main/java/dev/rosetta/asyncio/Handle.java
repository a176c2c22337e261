package dev.rosetta.asyncio;

/**
 * Python's {@code asyncio.Handle} / {@code TimerHandle}: a callback the loop will run once, which
 * can be cancelled before it runs. {@link EventLoop#callSoon} returns one for the ready queue,
 * {@link EventLoop#callLater} and {@link EventLoop#callAt} for the timer heap.
 *
 * <p>Thread-safety: {@link #cancel()} is loop-only (call it from a task or a callback of the same
 * loop); from another thread use {@code loop.callSoonThreadsafe(handle::cancel)}. The callback
 * always runs on the loop thread.
 */
public final class Handle implements Comparable<Handle> {
    final Runnable callback;
    /** When it is due on {@link EventLoop#time()} (nanoseconds); 0 for the ready queue. */
    final long when;
    /** Ties between equal deadlines break first-scheduled-first (the heap is not stable by itself). */
    final long sequence;
    /** What the callback is, for debug messages (a task, or a description); its toString is taken only when needed. */
    final Object what;
    private boolean cancelled;

    Handle(Runnable callback, long when, long sequence, Object what) {
        this.callback = callback;
        this.when = when;
        this.sequence = sequence;
        this.what = what;
    }

    /** Stops the callback from running, if it has not run yet. Loop-only. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** When a timer is due, in the loop's clock ({@link EventLoop#time()}, nanoseconds); 0 for callSoon. */
    public long when() {
        return when;
    }

    @Override
    public int compareTo(Handle other) {
        int byTime = Long.compare(when, other.when);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return (cancelled ? "<cancelled Handle " : "<Handle ") + what + ">";
    }
}
