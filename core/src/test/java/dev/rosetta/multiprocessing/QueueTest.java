package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueueTest {

    /** Workers in other processes put; the owner gets every item (producer / consumer across processes). */
    @Test
    void workersPutTheOwnerGets() throws Exception {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        try (var queue = Queue.<Integer>create(100); var pool = new Pool(2)) {
            pool.map(x -> {
                queue.put(x * x);
                return x;
            }, items, 1);

            assertEquals(20, queue.qsize());
            var got = new ArrayList<Integer>();
            for (int i = 0; i < 20; i++) {
                got.add(queue.get());
            }
            assertEquals(items.stream().map(x -> x * x).sorted().toList(), got.stream().sorted().toList());
            assertNull(queue.get(Duration.ofMillis(10)), "empty: get with a timeout returns null");
        }
    }

    /** The owner puts; a worker gets: the handle works in both directions. */
    @Test
    void aWorkerGetsWhatTheOwnerPut() throws Exception {
        try (var queue = Queue.<String>create(10); var pool = new Pool(1)) {
            queue.put("hello");
            assertEquals(List.of("hello from a worker"), pool.map(x -> queue.get() + x, List.of(" from a worker")));
        }
    }

    /** A maxsize below one is refused with the rule. */
    @Test
    void refusesABadSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> Queue.create(0));
        assertEquals("maxsize must be at least 1, was 0", e.getMessage());
    }

    /** Ping-pong over a pipe between the parent and a worker process, in both directions, in order. */
    @Test
    void pipePingPong() throws Exception {
        try (var pipe = Pipe.<String>create(); var pool = new Pool(1)) {
            var right = pipe.right();
            AsyncResult<Integer> player = pool.applyAsync(rounds -> {
                for (int i = 0; i < rounds; i++) {
                    right.send(right.recv() + " pong");
                }
                return rounds;
            }, 3);
            var left = pipe.left();
            for (int i = 0; i < 3; i++) {
                left.send("ping " + i);
                assertEquals("ping " + i + " pong", left.recv());
            }
            assertEquals(3, player.get());
        }
    }
}
