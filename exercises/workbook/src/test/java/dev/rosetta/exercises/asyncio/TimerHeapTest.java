package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code asyncio/timer-heap}. */
@TimeLimit(seconds = 10)
class TimerHeapTest {

    /** Timers run earliest deadline first, and only once due. */
    @Test
    @DisplayName("timers run by deadline, not by the order they were added")
    void runsByDeadline() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        heap.callAt(30, () -> ran.add("30"));
        heap.callAt(10, () -> ran.add("10"));
        heap.callAt(20, () -> ran.add("20"));
        assertEquals(2, heap.runDue(25), "timers due at 10 and 20 should run at 25; ran " + ran);
        assertEquals(List.of("10", "20"), ran, "scheduled at 30, 10, 20 and run at time 25: the earliest deadlines"
                + " first, and the one due at 30 not yet. The loop must always run the earliest deadline next.");
        assertEquals(30, heap.nextDeadline(), "the next deadline after running 10 and 20");
        heap.runDue(30);
        assertEquals(List.of("10", "20", "30"), ran);
        assertEquals(-1, heap.nextDeadline(), "no timer left: nextDeadline() must be -1");
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
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ran, "eight timers all due at 100, scheduled 0..7, ran as " + ran
                + ". A heap is not a stable sort: equal deadlines need a tie-break (a sequence number) so that"
                + " call_soon(a); call_soon(b) runs a before b.");
    }

    /** A cancelled timer never runs and is not the next deadline. */
    @Test
    @DisplayName("a cancelled timer never runs and does not count as the next deadline")
    void cancelledTimersNeverRun() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        TimerHeap.Timer early = heap.callAt(5, () -> ran.add("cancelled one"));
        heap.callAt(7, () -> ran.add("kept"));
        early.cancel();
        assertEquals(7, heap.nextDeadline(), "the timer at 5 was cancelled: the loop should sleep until 7");
        heap.runDue(10);
        assertEquals(List.of("kept"), ran);
    }

    /** A callback may schedule another timer that is already due. */
    @Test
    @DisplayName("a timer scheduled by a callback and already due runs in the same runDue")
    void callbacksMayScheduleMore() {
        var heap = new TimerHeap();
        var ran = new ArrayList<String>();
        heap.callAt(1, () -> {
            ran.add("first");
            heap.callAt(2, () -> ran.add("scheduled by first"));
            heap.callAt(50, () -> ran.add("later"));
        });
        heap.runDue(10);
        assertEquals(List.of("first", "scheduled by first"), ran);
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
        assertEquals(10_000, heap.runDue(1_000_000));
        var sorted = new ArrayList<>(ran);
        sorted.sort(null);
        assertEquals(sorted, ran, "timers ran out of deadline order");
    }
}
