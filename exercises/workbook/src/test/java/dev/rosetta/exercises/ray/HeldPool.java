package dev.rosetta.exercises.ray;

import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers of a test's {@link MiniCluster}: an executor whose tasks wait in a queue until the
 * test starts them, each on a thread of its own ({@code ray-worker-N}), in the order it chooses.
 * So the test sees what was handed to a worker and when, and which tasks could have run side by
 * side. {@code execute} never blocks (a lock-free queue): a caller that parks is waiting for
 * something else.
 *
 * <p>Thread-safety: {@code execute} from any thread; the rest from the test thread.
 */
final class HeldPool implements Executor {
    private final ConcurrentLinkedDeque<Runnable> queued = new ConcurrentLinkedDeque<>();
    private final List<Thread> started = new ArrayList<>();
    private final AtomicInteger handedIn = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        handedIn.incrementAndGet();
        queued.add(task);
    }

    /** How many tasks wait to be started. */
    int queued() {
        return queued.size();
    }

    /** How many tasks were ever handed in. */
    int handedIn() {
        return handedIn.get();
    }

    /** Starts the tasks queued now, each on a new thread, oldest first or newest first; how many. */
    int startQueued(boolean newestFirst) {
        int count = 0;
        for (Runnable task; (task = newestFirst ? queued.pollLast() : queued.pollFirst()) != null; count++) {
            started.add(Thread.ofPlatform().name("ray-worker-" + started.size()).start(task));
        }
        return count;
    }

    /** Waits for every started task to end (failing with a thread report if one will not). */
    void joinStarted() throws InterruptedException {
        StartGate.joinAll(started, TimeLimits.LONG);
    }

    /** Runs queued tasks one at a time, each on a new thread and waited for, until none is queued. */
    void drainOneByOne(boolean newestFirst) throws InterruptedException {
        for (Runnable task; (task = newestFirst ? queued.pollLast() : queued.pollFirst()) != null; ) {
            Thread thread = Thread.ofPlatform().name("ray-worker-" + started.size()).start(task);
            started.add(thread);
            StartGate.joinAll(List.of(thread), TimeLimits.LONG);
        }
    }

    /**
     * Starts queued tasks, and those they queue in turn, until none is queued and none runs. A
     * task queued while others run is started at once, so a task that waits for another (as a
     * wrong answer may) does not hold the drain up.
     */
    void drain(boolean newestFirst) throws InterruptedException {
        while (startQueued(newestFirst) > 0 || anyRunning()) {
            if (!Waits.until(TimeLimits.LONG, () -> queued() > 0 || !anyRunning())) {
                joinStarted(); // fails, naming what the tasks still running wait for
            }
        }
    }

    private boolean anyRunning() {
        return started.stream().anyMatch(Thread::isAlive);
    }

    /**
     * Whether every started thread but {@code busy} has ended or is waiting (parked, or blocked on
     * a lock): nothing else is about to happen on the workers until {@code busy} moves.
     */
    boolean othersQuiet(Thread busy) {
        return started.stream().filter(t -> t != busy).map(Thread::getState)
                .allMatch(s -> s != Thread.State.NEW && s != Thread.State.RUNNABLE);
    }

    /** Ends the test: interrupts what still runs and joins it. */
    void close() throws InterruptedException {
        started.forEach(Thread::interrupt);
        for (Thread thread : started) {
            thread.join(TimeLimits.MEDIUM);
        }
    }
}
