package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code asyncio/timer-heap}. The contract, one test each:
 * <ol>
 * <li>{@code runDue(now)} runs every timer due at or before {@code now} (a timer due exactly at
 *     {@code now} is due), earliest deadline first, and leaves the others;</li>
 * <li>each timer runs at most once: a later {@code runDue} does not run it again;</li>
 * <li>timers with the same deadline run in the order they were scheduled, however they are interleaved
 *     with other deadlines;</li>
 * <li>a cancelled timer never runs and is not counted in what {@code runDue} returns, even when another
 *     callback of the same {@code runDue} cancels it;</li>
 * <li>{@code nextDeadline()} is the earliest deadline not cancelled, or -1 when there is none;</li>
 * <li>a callback may schedule more timers: those already due run in the same {@code runDue}, in
 *     deadline order with the rest;</li>
 * <li>deadlines of any magnitude, from {@code Long.MIN_VALUE} to {@code Long.MAX_VALUE}, are compared
 *     without overflow (no {@code (int) (a - b)}, no {@code a - b <= 0});</li>
 * <li>ten thousand shuffled deadlines come out sorted.</li>
 * </ol>
 */
@TimeLimit(seconds = 10)
class TimerHeapTest {

    /** Timers run earliest deadline first, and only once due; one due exactly now is due. */
    @Test
    @DisplayName("timers run by deadline, a timer due exactly now runs, later ones wait")
    void runsByDeadline() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        heap.callAt(30, () -> ran.add("30"));
        heap.callAt(10, () -> ran.add("10"));
        heap.callAt(20, () -> ran.add("20"));
        int count = heap.runDue(25);
        assertEquals(List.of("10", "20"), ran, "scheduled at 30, 10, 20 and run at time 25: the earliest deadlines"
                + " first, and the one due at 30 not yet. The loop must always run the earliest deadline next.");
        assertEquals(2, count, "runDue(25) ran " + ran + ": it returns how many callbacks ran");
        assertEquals(30, heap.nextDeadline(), "the next deadline after running 10 and 20");
        assertEquals(1, heap.runDue(30), "runDue(30) with a timer due at exactly 30: a timer is due when its deadline"
                + " is at or before now (when <= now, not when < now); ran " + ran);
        assertEquals(List.of("10", "20", "30"), ran);
        assertEquals(-1, heap.nextDeadline(), "no timer left: nextDeadline() must be -1");
    }

    /** A timer that ran is gone: running the heap again does not run it twice. */
    @Test
    @DisplayName("each timer runs once: a second runDue runs nothing again")
    void eachTimerRunsOnce() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        heap.callAt(5, () -> ran.add("5"));
        heap.callAt(6, () -> ran.add("6"));
        assertEquals(2, heap.runDue(10));
        assertEquals(0, heap.runDue(20), "runDue(20) right after runDue(10) ran both timers: a timer that ran must"
                + " leave the heap (poll it, do not peek it), or it runs again on every turn; ran " + ran);
        assertEquals(List.of("5", "6"), ran, "each timer exactly once");
        assertEquals(0, heap.runDue(30), "an empty heap runs nothing");
    }

    /** Equal deadlines run first-scheduled-first, like call_soon. */
    @Test
    @DisplayName("timers with the same deadline run in the order they were scheduled")
    void tiesRunInSchedulingOrder() {
        var heap = new TimerHeap();
        var ran = new ArrayList<Integer>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            heap.callAt(100, () -> ran.add(n));
        }
        heap.runDue(100);
        assertEquals(8, ran.size(), "runDue(100) with eight timers all due at exactly 100 ran " + ran + ": a timer is"
                + " due when its deadline is at or before now (when <= now, not when < now)");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ran, "eight timers all due at 100, scheduled 0..7, ran as " + ran
                + ". A heap is not a stable sort: equal deadlines need a tie-break (a sequence number) so that"
                + " call_soon(a); call_soon(b) runs a before b.");
    }

    /** Ties stay in scheduling order when other deadlines are scheduled between them. */
    @Test
    @DisplayName("ties interleaved with other deadlines still run first-scheduled-first")
    void interleavedTiesRunInSchedulingOrder() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        var random = new Random(7);
        var expected = new ArrayList<String>();
        for (int i = 0; i < 64; i++) {
            long when = random.nextInt(3) * 10; // deadlines 0, 10 and 20, shuffled
            String name = when + "#" + i;
            heap.callAt(when, () -> ran.add(name));
        }
        var replay = new Random(7); // the same deadlines again, then a stable sort by deadline: the order required
        for (int i = 0; i < 64; i++) {
            expected.add(replay.nextInt(3) * 10 + "#" + i);
        }
        expected.sort((a, b) -> Long.compare(Long.parseLong(a.split("#")[0]), Long.parseLong(b.split("#")[0])));
        heap.runDue(20);
        assertEquals(expected, ran, "64 timers at deadlines 0, 10 and 20, scheduled in shuffled order: within each"
                + " deadline they must run in the order they were scheduled (deadline, then a sequence number)."
                + " Compare by identity or hash code and the ties come out in an arbitrary order.");
    }

    /** A cancelled timer never runs, is not counted, and is not the next deadline. */
    @Test
    @DisplayName("a cancelled timer never runs, is not counted, and is not the next deadline")
    void cancelledTimersNeverRun() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        TimerHeap.Timer early = heap.callAt(5, () -> ran.add("cancelled one"));
        heap.callAt(7, () -> ran.add("kept"));
        early.cancel();
        assertEquals(7, heap.nextDeadline(), "the timer at 5 was cancelled: the loop should sleep until 7, not wake"
                + " for a timer that will not run. nextDeadline() must skip cancelled timers.");
        assertEquals(1, heap.runDue(10), "runDue(10) ran " + ran + ": it returns how many callbacks ran, and a"
                + " cancelled timer's callback does not run, so it does not count");
        assertEquals(List.of("kept"), ran);
    }

    /** A callback that cancels a later timer due in the same runDue stops it. */
    @Test
    @DisplayName("a timer cancelled by an earlier callback of the same runDue does not run")
    void cancelledByAnEarlierCallback() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        TimerHeap.Timer[] victim = new TimerHeap.Timer[1];
        heap.callAt(5, () -> {
            ran.add("canceller");
            victim[0].cancel();
        });
        victim[0] = heap.callAt(6, () -> ran.add("cancelled by the first"));
        heap.callAt(7, () -> ran.add("kept"));
        int count = heap.runDue(10);
        assertEquals(List.of("canceller", "kept"), ran, "the timer at 5 cancelled the one at 6 before it ran: check"
                + " 'cancelled' when a timer is taken off the heap to run, not in a list of due timers collected"
                + " before any callback ran");
        assertEquals(2, count, "runDue(10) ran " + ran + ": it returns how many callbacks ran, a cancelled timer not"
                + " counted");
    }

    /** A callback may schedule another timer that is already due; it runs in deadline order with the rest. */
    @Test
    @DisplayName("a timer scheduled by a callback and already due runs in the same runDue, in deadline order")
    void callbacksMayScheduleMore() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        heap.callAt(1, () -> {
            ran.add("first");
            heap.callAt(2, () -> ran.add("scheduled by first, due at 2"));
            heap.callAt(50, () -> ran.add("later"));
        });
        heap.callAt(5, () -> ran.add("due at 5"));
        heap.runDue(10);
        assertEquals(List.of("first", "scheduled by first, due at 2", "due at 5"), ran, "at time 10, the timer due at 2"
                + " (scheduled by the first callback) comes before the one due at 5: keep taking the earliest"
                + " timer off the heap until none is due, do not run a list collected before the callbacks ran");
        assertEquals(50, heap.nextDeadline());
    }

    /** Deadlines at both ends of long, and around zero, are ordered and due without overflow. */
    @Test
    @DisplayName("deadlines from Long.MIN_VALUE to Long.MAX_VALUE, negative and zero, compare without overflow")
    void deadlinesOfAnyMagnitude() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        heap.callAt(Long.MAX_VALUE, () -> ran.add("MAX"));
        heap.callAt(0, () -> ran.add("0"));
        heap.callAt(Long.MIN_VALUE, () -> ran.add("MIN"));
        heap.callAt(-5, () -> ran.add("-5"));
        assertEquals(Long.MIN_VALUE, heap.nextDeadline(), "nextDeadline() with timers at MAX, 0, MIN and -5 scheduled:"
                + " compare deadlines with Long.compare; (int) (a - b) overflows and turns the order upside down");
        assertEquals(2, heap.runDue(-1), "runDue(-1): the timers at MIN and -5 are due; ran " + ran);
        assertEquals(List.of("MIN", "-5"), ran);
        assertEquals(0, heap.nextDeadline());
        heap.runDue(0);
        assertEquals(Long.MAX_VALUE, heap.nextDeadline(), "only the timer at Long.MAX_VALUE is left: nextDeadline() must"
                + " report it, not mistake it for 'none' (-1) because Long.MAX_VALUE was used as a marker");

        var far = new TimerHeap();
        var farRan = new ArrayList<String>();
        far.callAt(Long.MAX_VALUE, () -> farRan.add("MAX"));
        far.callAt(Long.MIN_VALUE, () -> farRan.add("MIN"));
        assertEquals(2, far.runDue(Long.MAX_VALUE), "runDue(Long.MAX_VALUE) with timers at MIN and MAX: both are due."
                + " 'when <= now' is right; 'when - now <= 0' (the nanoTime idiom) overflows here; ran " + farRan);
        assertEquals(List.of("MIN", "MAX"), farRan);
    }

    /** Ten thousand shuffled deadlines come out sorted. */
    @Test
    @DisplayName("10,000 shuffled timers run in deadline order")
    void manyTimersComeOutSorted() {
        var heap = new TimerHeap();
        var ran = new ArrayList<Long>();
        var random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long when = random.nextInt(1_000_000);
            heap.callAt(when, () -> ran.add(when));
        }
        assertEquals(10_000, heap.runDue(1_000_000), "10,000 timers due by 1,000,000: every one must run");
        for (int i = 1; i < ran.size(); i++) {
            if (ran.get(i) < ran.get(i - 1)) {
                fail("10,000 timers with shuffled deadlines: the timer due at " + ran.get(i) + " ran right after the one"
                        + " due at " + ran.get(i - 1) + " (run number " + i + "). The loop must always run the earliest"
                        + " deadline next: take the top of the heap each time.");
            }
        }
    }
}
