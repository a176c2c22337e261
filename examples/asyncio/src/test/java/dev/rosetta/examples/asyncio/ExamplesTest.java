package dev.rosetta.examples.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimelineBars;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example main runs and prints what docs/asyncio.md says it prints. */
class ExamplesTest {

    /** 10,000 sleepers finish together, on the one loop thread, one task at a time. */
    @Test
    void tenThousandSleepers() throws Throwable {
        String out = PrintedOutput.ofMain(TenThousandSleepers.class);
        assertTrue(out.contains("10,000 tasks slept 100 ms each"), out);
        assertTrue(out.contains("loop threads that ran their callbacks: [asyncio-loop]"), out);
        assertTrue(out.contains("most tasks running at the same instant: 1"), out);
    }

    /** Three clients get their own lines back from one echo server. */
    @Test
    void echoServerAndClient() throws Throwable {
        String out = PrintedOutput.ofMain(EchoServerAndClient.class);
        for (int n = 0; n < 3; n++) {
            assertTrue(out.contains("client " + n + " got back: hello from client " + n), out);
        }
    }

    /** The blocking call freezes the ticker, debug mode names it, toThread keeps the loop going. */
    @Test
    void blockingCallStallsTheLoop() throws Throwable {
        String out = PrintedOutput.ofMain(BlockingCallStallsTheLoop.class);
        assertTrue(out.contains("BAD  Thread.sleep(300) inside a task: the ticker ticked 0 times"), out);
        assertTrue(out.contains("debug mode: <Task finished name='blocking-sleep'> held the loop"), out);
        assertTrue(out.contains("at java.base/java.lang.Thread.sleep"), out);
        assertTrue(out.contains("GOOD Asyncio.toThread(blocking call): the ticker ticked 3 or more times"), out);
    }

    /** gather leaves the sibling running; TaskGroup cancels it. */
    @Test
    void gatherVersusTaskGroup() throws Throwable {
        String out = PrintedOutput.ofMain(GatherVersusTaskGroup.class);
        assertEquals("""
                gather raised: bad input
                after gather, the slow sibling is STILL RUNNING (an orphan)
                TaskGroup cancelled the slow sibling at its await
                TaskGroup raised ExceptionGroup of [bad input]
                after the TaskGroup, the slow sibling is cancelled
                """, out);
    }

    /** as_completed in completion order; wait cancels nothing; shield keeps the save running past wait_for's timeout. */
    @Test
    void waitShieldAsCompleted() throws Throwable {
        String out = PrintedOutput.ofMain(WaitShieldAsCompleted.class);
        assertEquals("""
                as_completed hands out: [fast, mid, slow]
                wait FIRST_COMPLETED: done 1, pending 1; the pending one cancelled? false
                wait with a timeout: done 0, pending 1; no TimeoutError, and still not cancelled: true
                wait_for(shield(save)) timed out; the save is still running
                and it finished anyway: record saved
                """, out);
    }

    /** Each synchroniser does its one job, with the facts CPython 3.11 prints. */
    @Test
    void synchronisingTasks() throws Throwable {
        String out = PrintedOutput.ofMain(SynchronisingTasks.class);
        assertEquals("""
                Lock: five tasks read one key: [K, K, K, K, K] fetched 1 time(s)
                Condition.wait_for: [bought 1, bought 3] - the buyer of 3 checked 5 times: once, then at every delivery
                Barrier(3): [a arrived 0, b arrived 1, c arrived 2]
                BoundedSemaphore(2).release() too often: IllegalArgumentException: BoundedSemaphore released too many times
                PriorityQueue: [fix outage, review PR, write report]
                run_coroutine_threadsafe from a thread: 42, computed on the loop
                """, out);
    }

    /** The three servers each hold every connection and answer. */
    @Test
    void echoThreeWays() throws Throwable {
        String out = PrintedOutput.ofMain(EchoThreeWays.class, "50");
        for (String server : new String[] {"thread per connection", "virtual thread per connection", "one event loop"}) {
            Matcher line = Pattern.compile(Pattern.quote(server) + " +50 connections +([\\d,]+) requests/s").matcher(out);
            assertTrue(line.find(), out);
            assertTrue(Long.parseLong(line.group(1).replace(",", "")) > 0, out);
        }
    }

    /** With --timeline FILE every step is drawn on the loop's one lane. */
    @Test
    void gatherVersusTaskGroupDrawsTheLoopsOneLane(@TempDir Path dir) throws Throwable {
        String printed = PrintedOutput.ofMain(GatherVersusTaskGroup.class, "--timeline", dir.resolve("loop").toString());
        assertTrue(printed.contains("timeline: " + dir.resolve("loop.svg")), printed);
        Path svg = dir.resolve("loop.svg");
        assertEquals(Set.of("main/asyncio-loop"), TimelineBars.lanes(svg), "one thread runs every step");
        assertTrue(TimelineBars.kinds(svg).contains("task step"), "kinds drawn: " + TimelineBars.kinds(svg));
    }
}
