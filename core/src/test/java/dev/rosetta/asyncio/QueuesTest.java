package dev.rosetta.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PriorityQueue and LifoQueue, and Queue's errors, checked against CPython 3.11's asyncio. */
class QueuesTest {
    private record Job(int priority, String name) {
    }

    /** put_nowait((3,'c')), ((1,'a')), ((2,'b')): get_nowait gives a, b, c. */
    @Test
    void priorityQueueTakesTheSmallestFirst() {
        List<String> order = Asyncio.run(() -> {
            var queue = new PriorityQueue<Job>(0, Comparator.comparingInt(Job::priority));
            queue.putNowait(new Job(3, "c"));
            queue.putNowait(new Job(1, "a"));
            queue.putNowait(new Job(2, "b"));
            var names = new ArrayList<String>();
            while (!queue.empty()) {
                names.add(queue.getNowait().name());
            }
            return names;
        });
        assertEquals(List.of("a", "b", "c"), order);
    }

    /** Natural order, and a getter waiting on an empty PriorityQueue gets the smallest of what arrives in one turn. */
    @Test
    void priorityQueueGetWaitsThenTakesTheSmallest() {
        int first = Asyncio.run(() -> {
            var queue = new PriorityQueue<Integer>();
            var getter = Asyncio.createTask(queue::get);
            Asyncio.sleep(Duration.ZERO);
            assertFalse(getter.isDone(), "get() on an empty queue returned");
            queue.putNowait(5);
            queue.putNowait(2); // both put before the getter runs again
            return getter.await();
        });
        assertEquals(2, first);
    }

    /** put_nowait a, b, c: get_nowait gives c, b, a; a full LifoQueue refuses put_nowait. */
    @Test
    void lifoQueueIsAStack() {
        Asyncio.run(() -> {
            var stack = new LifoQueue<String>(3);
            for (String item : List.of("a", "b", "c")) {
                stack.putNowait(item);
            }
            assertThrows(Queue.QueueFull.class, () -> stack.putNowait("d"));
            var order = new ArrayList<String>();
            while (!stack.empty()) {
                order.add(stack.getNowait());
            }
            assertEquals(List.of("c", "b", "a"), order);
            assertThrows(Queue.QueueEmpty.class, stack::getNowait);
            return null;
        });
    }

    /** task_done() once too often raises ValueError('task_done() called too many times'). */
    @Test
    void taskDoneTooOftenIsAValueError() {
        Asyncio.run(() -> {
            var queue = new LifoQueue<String>();
            queue.putNowait("x");
            queue.getNowait();
            queue.taskDone();
            var error = assertThrows(IllegalArgumentException.class, queue::taskDone);
            assertEquals("task_done() called too many times", error.getMessage());
            queue.join(); // every item done: returns at once
            return null;
        });
    }
}
