package dev.rosetta.asyncio;

import java.time.Duration;
import java.util.List;

/**
 * What debug mode's checker saw <em>while</em> the loop was still blocked: one callback or task
 * step has held it for {@code blockedFor} so far, and this is where its code stands now (Vert.x:
 * "Thread vertx-eventloop-thread-0 has been blocked for 2345 ms"). Python's debug mode only says
 * so once the step returns ({@link SlowCallback}); a coroutine that never returns is only ever
 * seen here.
 *
 * <p>Thread-safety: immutable. The listener that receives it runs on the checker thread, not on
 * the loop, which is blocked.
 *
 * @param what       the task (its name) or callback holding the loop
 * @param blockedFor how long it had held the loop when the checker looked
 * @param stack      where its code was when the checker looked (the loop's own plumbing left out)
 */
public record LoopBlocked(String what, Duration blockedFor, List<StackTraceElement> stack) {
    /** The message debug mode logs. */
    public String message() {
        var text = new StringBuilder("the event loop has been blocked for " + blockedFor.toMillis() + " ms by " + what
                + " and still is: every other task waits. Await instead (Asyncio.sleep, a Future), or move the"
                + " blocking call to Asyncio.toThread. Here is its stack:");
        for (StackTraceElement frame : stack) {
            text.append("\n\tat ").append(frame);
        }
        return text.toString();
    }
}
