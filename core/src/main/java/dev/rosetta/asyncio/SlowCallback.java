package dev.rosetta.asyncio;

import java.time.Duration;
import java.util.List;

/**
 * What debug mode found: a callback or task step that held the loop longer than the slow-callback
 * threshold (Python: "Executing &lt;Task ...&gt; took 0.201 seconds"; Vert.x: "Thread blocked").
 *
 * <p>Thread-safety: immutable. The listener that receives it runs on the loop thread.
 *
 * @param what  the task (its name) or callback that was running
 * @param took  how long it held the loop
 * @param stack where its code was while it was slow: sampled mid-step by the checker thread, or
 *              else where the task stood when the step ended
 */
public record SlowCallback(String what, Duration took, List<StackTraceElement> stack) {
    /** The message debug mode logs. */
    public String message() {
        var text = new StringBuilder(String.format(java.util.Locale.ROOT,
                "Executing %s took %.3f seconds: a blocking call holds the loop and every other task waits;"
                        + " use await, Asyncio.sleep or Asyncio.toThread. It was in:", what, took.toNanos() / 1e9));
        for (StackTraceElement frame : stack) {
            text.append("\n\tat ").append(frame);
        }
        return text.toString();
    }
}
