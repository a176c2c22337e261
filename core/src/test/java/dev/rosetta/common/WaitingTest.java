package dev.rosetta.common;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class WaitingTest {

    /** The task's own exception comes out from under every JDK wrapper, as Python raises it. */
    @Test
    void causeUnwrapsCompletionAndExecutionExceptions() {
        var own = new IllegalArgumentException("the task's own");
        assertSame(own, Waiting.cause(new CompletionException(new ExecutionException(own))));
        assertSame(own, Waiting.rethrowable(new ExecutionException(own)));
        assertSame(own, Waiting.cause(own));
    }

    /** A checked exception crosses inside one CompletionException; an Error is thrown as it is. */
    @Test
    void checkedExceptionsAreWrappedOnceAndErrorsThrown() {
        var checked = new IOException("disk");
        assertSame(checked, Waiting.rethrowable(new ExecutionException(checked)).getCause());
        var error = new AssertionError("an Error");
        assertSame(error, assertThrows(AssertionError.class, () -> Waiting.rethrowable(new CompletionException(error))));
    }

    /** interrupted() leaves the thread interrupted and says what the caller was waiting for. */
    @Test
    void interruptedKeepsTheFlagAndNamesTheWait() {
        try {
            var e = Waiting.interrupted("result 3 of the map");
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag was not set again");
            assertTrue(e.getMessage().contains("result 3 of the map"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }
}
