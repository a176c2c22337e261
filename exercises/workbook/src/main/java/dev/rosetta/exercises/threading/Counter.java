package dev.rosetta.exercises.threading;

/**
 * Exercise {@code threading/racy-counter}: a counter that many threads increment at once.
 *
 * <p>In Python:
 * <pre>
 * count = 0
 * def work():
 *     global count
 *     for _ in range(100_000):
 *         count += 1          # read, add, write: three steps
 * </pre>
 *
 * <p>Four threads call {@link #increment()} 200,000 times each, released at the same instant.
 * The total must be exactly 800,000, every time. Right now it is not: run the tests
 * ({@code ./rosetta learn check threading/racy-counter}) and read what they say.
 * Solve it without {@code java.util.concurrent.atomic}: this exercise is about locks.
 *
 * <p>Chapter: docs/threading.md. Hints: {@code ./rosetta learn hint threading/racy-counter}.
 */
public class Counter {
    private int count;

    /** Adds one to the count. Many threads call this at the same time. */
    public void increment() {
        // TODO make this safe: two threads can both read 41 here and both write back 42.
        count++;
    }

    /**
     * The count so far. Any thread may call it at any time, also while others increment: it must
     * see every increment that has finished.
     */
    public int get() {
        return count;
    }
}
