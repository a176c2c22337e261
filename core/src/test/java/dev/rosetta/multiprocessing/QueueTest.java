package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosetta.testkit.TimeLimits;
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
            assertThrows(Queue.Empty.class, () -> queue.get(Duration.ofMillis(10)), "empty: get(timeout) raises Empty, as Python's");
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

    /**
     * The CPython 3.11 facts of a Queue(2), in one process: empty/full snapshots; get(timeout)
     * and get_nowait raise Empty; put(timeout) and put_nowait raise Full; a negative timeout is
     * refused (Manager().Queue(): ValueError); an item is copied when put.
     */
    @Test
    void emptyAndFullAsCPython() throws Exception {
        try (var queue = Queue.<List<Integer>>create(2)) {
            assertTrue(queue.empty());
            assertFalse(queue.full());
            assertThrows(Queue.Empty.class, () -> queue.get(Duration.ofMillis(10)));
            var e = assertThrows(Queue.Empty.class, queue::getNowait);
            assertEquals("the queue is empty", e.getMessage());

            var item = new ArrayList<>(List.of(1));
            queue.put(item);
            item.add(2); // Python: an item put and then changed is not changed in the queue
            queue.put(List.of(3));
            assertFalse(queue.empty());
            assertTrue(queue.full());
            assertEquals(2, queue.qsize());
            assertThrows(Queue.Full.class, () -> queue.put(List.of(4), Duration.ofMillis(10)));
            assertEquals("the queue is full (maxsize 2)", assertThrows(Queue.Full.class, () -> queue.putNowait(List.of(4))).getMessage());
            assertThrows(IllegalArgumentException.class, () -> queue.get(Duration.ofMillis(-1)));

            assertEquals(List.of(1), queue.get());
            assertEquals(List.of(3), queue.getNowait());
        }
        assertEquals(Integer.MAX_VALUE, Queue.create().maxsize(), "Queue() has no limit (CPython: 2147483647)");
    }

    /** Empty and Full are raised in a worker too, and the pool raises them again here with their type. */
    @Test
    void emptyAndFullInAWorker() throws Exception {
        try (var queue = Queue.<Integer>create(1); var pool = new Pool(1)) {
            var empty = assertThrows(Queue.Empty.class, () -> pool.map(x -> queue.getNowait(), List.of(0)));
            assertTrue(empty.getCause() instanceof RemoteError, "the worker's trace is the cause");
            queue.put(1);
            assertThrows(Queue.Full.class, () -> pool.map(x -> {
                queue.putNowait(x);
                return x;
            }, List.of(2)));
            assertTrue(queue.full());
        }
    }

    /**
     * Two threads of one worker: one waits in get, the other puts. Each call borrows its own
     * connection; with one shared connection the waiting get would hold up the put for ever.
     */
    @Test
    void aWaitingGetDoesNotHoldUpAPutOfTheSameProcess() throws Exception {
        try (var queue = Queue.<String>create(1); var pool = new Pool(1)) {
            assertEquals(List.of("sent by the other thread"), pool.map(x -> {
                var getter = new java.util.concurrent.FutureTask<>(queue::get);
                Thread.ofPlatform().start(getter);
                queue.put(x);
                return getter.get();
            }, List.of("sent by the other thread")));
        }
    }

    /** task_done too often raises ValueError's twin, with Python's words; join returns once every item is done. */
    @Test
    void joinableQueueCountsUnfinishedTasks() throws Exception {
        try (var tasks = JoinableQueue.<Integer>create()) {
            assertEquals("task_done() called too many times",
                    assertThrows(IllegalStateException.class, tasks::taskDone).getMessage());
            tasks.put(1);
            tasks.get();
            tasks.taskDone();
            tasks.join(); // nothing unfinished: returns at once
            assertThrows(IllegalStateException.class, tasks::taskDone);
        }
    }

    /** join waits for the last task_done of a consumer process, not for the last get. */
    @Test
    void joinWaitsForAConsumerProcess() throws Exception {
        try (var tasks = JoinableQueue.<Integer>create(); var progress = Queue.<String>create(); var gate = Queue.<String>create()) {
            var consumer = new Process(() -> {
                for (int i = 0; i < 3; i++) {
                    tasks.get();
                    if (i == 2) {
                        progress.put("got all three, two done");
                        gate.get();
                    }
                    tasks.taskDone();
                }
            });
            try {
                consumer.start();
                for (int i = 0; i < 3; i++) {
                    tasks.put(i);
                }
                var joiner = Thread.ofPlatform().name("joiner").start(() -> {
                    try {
                        tasks.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                assertEquals("got all three, two done", progress.get(TimeLimits.LONG));
                assertTrue(tasks.empty(), "every item was got");
                joiner.join(50);
                assertTrue(joiner.isAlive(), "join() returned although one task was not done");
                gate.put("finish");
                joiner.join();
                consumer.join();
                assertEquals(0, consumer.exitcode());
            } finally {
                consumer.kill();
                consumer.join();
            }
        }
    }

    /** SimpleQueue: put, get, empty, close, and nothing else. */
    @Test
    void simpleQueue() throws Exception {
        try (var queue = SimpleQueue.<Integer>create()) {
            assertTrue(queue.empty());
            queue.put(5);
            assertFalse(queue.empty());
            assertEquals(5, queue.get());
        }
    }
}
