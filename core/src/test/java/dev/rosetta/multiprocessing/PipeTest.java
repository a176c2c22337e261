package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Pipe} against CPython 3.11's {@code multiprocessing.Pipe}, fact by fact. */
class PipeTest {

    /** Pipe(duplex=False): the first end only receives, the second only sends; the wrong call raises OSError's twin. */
    @Test
    void aOneWayPipe() throws Exception {
        try (var pipe = Pipe.<String>create(false)) {
            var r = pipe.left();
            var w = pipe.right();
            assertEquals("connection is read-only", assertThrows(UncheckedIOException.class, () -> r.send("x"))
                    .getCause().getMessage());
            assertEquals("connection is write-only", assertThrows(UncheckedIOException.class, w::recv).getCause().getMessage());
            assertEquals("connection is write-only", assertThrows(UncheckedIOException.class, w::poll).getCause().getMessage());
            w.send("one way");
            assertEquals("one way", r.recv());
        }
    }

    /** poll(timeout) waits for a message and says so without taking it: poll, poll again, then recv (Python: True True 'x'). */
    @Test
    void pollDoesNotConsume() throws Exception {
        try (var pipe = Pipe.<String>create()) {
            var left = pipe.left();
            var right = pipe.right();
            assertFalse(left.poll(), "nothing sent yet");
            assertFalse(left.poll(Duration.ofMillis(10)));
            right.send("x");
            assertTrue(left.poll(TimeLimits.LONG));
            assertTrue(left.poll(), "poll did not take the message");
            assertEquals("x", left.recv());
            assertFalse(left.poll());
            assertFalse(right.poll(), "the other direction is empty");
        }
    }

    /** poll in a worker process waits for a message this process sends, then recv gets it. */
    @Test
    void pollInAWorker() throws Exception {
        try (var pipe = Pipe.<String>create(false); var pool = new Pool(1)) {
            var r = pipe.left();
            AsyncResult<String> reader = pool.applyAsync(x -> r.poll(Duration.ofSeconds(60)) + " " + r.recv(), 0);
            pipe.right().send("hello");
            assertEquals("true hello", reader.get());
        }
    }
}
