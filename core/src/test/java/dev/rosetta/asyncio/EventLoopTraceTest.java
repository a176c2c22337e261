package dev.rosetta.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the event loop records while tracing is on: each task step and callback, on its one lane. */
class EventLoopTraceTest {

    /** Two tasks that yield to each other: every step is a span on the loop's single lane, one after another, named after its task. */
    @Test
    void everyStepIsASpanOnTheLoopsOneLane() {
        List<Span> spans;
        try (Tracer tracer = Tracer.record()) {
            Asyncio.run(() -> {
                var a = Asyncio.createTask("ping", EventLoopTraceTest::yieldThrice);
                var b = Asyncio.createTask("pong", EventLoopTraceTest::yieldThrice);
                a.await();
                b.await();
                return null;
            });
            spans = tracer.spans();
        }
        assertEquals(Set.of("asyncio-loop"), spans.stream().map(s -> s.lane().thread()).collect(Collectors.toSet()),
                "the loop does everything on one thread: " + spans);
        for (int i = 1; i < spans.size(); i++) {
            assertTrue(spans.get(i).startMicros() >= spans.get(i - 1).endMicros(), "two steps ran at once: " + spans.get(i - 1)
                    + " and " + spans.get(i));
        }
        for (String task : List.of("ping", "pong")) {
            long steps = spans.stream().filter(s -> s.name().equals(task + " step") && s.kind().equals("task step")).count();
            assertEquals(4, steps, task + " yields 3 times, so it runs in 4 steps: " + spans);
        }
    }

    /** A step that blocks the loop longer than slowCallbackDuration is a "slow callback", debug mode or not. */
    @Test
    void aStepThatBlocksTheLoopIsASlowCallback() {
        List<Span> slow;
        try (Tracer tracer = Tracer.record(); var loop = new EventLoop()) {
            loop.setSlowCallbackDuration(Duration.ofMillis(20));
            loop.runUntilComplete(() -> {
                Asyncio.createTask("blocker", () -> {
                    Thread.sleep(60); // the mistake on show: a blocking call inside a coroutine
                    return null;
                }).await();
                return null;
            });
            slow = tracer.spans().stream().filter(s -> s.kind().equals("slow callback")).toList();
        }
        assertEquals(1, slow.size(), "one slow step: " + slow);
        assertEquals("blocker step", slow.getFirst().name());
        assertTrue(slow.getFirst().durationMicros() >= 60_000, slow.toString());
    }

    /** Tracing off: the loop records nothing. */
    @Test
    void tracingOffRecordsNothing() {
        Tracer closed = Tracer.record();
        closed.close();
        Asyncio.run(EventLoopTraceTest::yieldThrice);
        assertEquals(List.of(), closed.spans());
    }

    private static Void yieldThrice() {
        for (int i = 0; i < 3; i++) {
            Asyncio.sleep(Duration.ZERO);
        }
        return null;
    }
}
