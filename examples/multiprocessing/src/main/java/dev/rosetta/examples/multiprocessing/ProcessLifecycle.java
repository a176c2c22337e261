package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.JoinableQueue;
import dev.rosetta.multiprocessing.Process;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Process} from start to exit code: two consumer processes fed through a
 * {@code JoinableQueue}, then a process that raises, one that exits with 3, one terminated and one
 * killed — printing what CPython prints for the same program.
 *
 * <pre>
 * import queue, sys, time
 * from multiprocessing import JoinableQueue, Process, Queue
 *
 * def consume(tasks, results):
 *     while (item := tasks.get()) is not None:
 *         results.put(item * item)
 *         tasks.task_done()
 *     tasks.task_done()
 *
 * if __name__ == "__main__":
 *     tasks, results = JoinableQueue(), Queue()
 *     consumers = [Process(target=consume, args=(tasks, results)) for _ in range(2)]
 *     for p in consumers: p.start()
 *     for i in range(6): tasks.put(i)
 *     for _ in consumers: tasks.put(None)
 *     tasks.join()                                     # every item got and done
 *     print("squares:", sorted(results.get() for _ in range(6)))
 *     try: results.get(timeout=0.1)
 *     except queue.Empty: print("results.get(timeout=0.1): queue.Empty")
 *     for p in consumers:
 *         p.join(); print(p.name, "exitcode", p.exitcode)       # Process-1 exitcode 0
 *     # a target that raises: exitcode 1 (and "Process Process-3:" + traceback on stderr)
 *     # sys.exit(3): exitcode 3; join(0.1) on a sleeper: alive True exitcode None
 *     # terminate(): -15; kill(): -9
 * </pre>
 *
 * CPython 3.11 prints {@code squares: [0, 1, 4, 9, 16, 25]}, {@code queue.Empty}, exit codes
 * {@code 0 0 1 3}, {@code alive True exitcode None}, {@code -15} and {@code -9}; so does this.
 */
public final class ProcessLifecycle {
    private ProcessLifecycle() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ProcessLifecycle::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws InterruptedException {
        try (var tasks = JoinableQueue.<Integer>create(); var results = Queue.<Integer>create()) {
            var consumers = List.of(new Process(() -> consume(tasks, results)), new Process(() -> consume(tasks, results)));
            consumers.forEach(Process::start);
            for (int i = 0; i < 6; i++) {
                tasks.put(i);
            }
            for (int i = 0; i < consumers.size(); i++) {
                tasks.put(null); // "no more": Python's None
            }
            tasks.join();
            var squares = new ArrayList<Integer>();
            for (int i = 0; i < 6; i++) {
                squares.add(results.get());
            }
            System.out.println("squares: " + squares.stream().sorted().toList());
            try {
                results.get(Duration.ofMillis(100));
            } catch (Queue.Empty e) {
                System.out.println("results.get(timeout=0.1): Queue.Empty");
            }
            for (var p : consumers) {
                p.join();
                System.out.println(p.name() + " exitcode " + p.exitcode());
            }
        }
        System.out.println("fails exitcode " + run(new Process(() -> {
            throw new IllegalArgumentException("boom"); // the child prints "Process Process-N:" and the trace to stderr
        })));
        System.out.println("exits exitcode " + run(new Process(() -> System.exit(3))));

        var sleeper = new Process(ProcessLifecycle::sleepForever);
        sleeper.start();
        sleeper.join(Duration.ofMillis(100));
        System.out.println("after join(0.1): alive " + sleeper.isAlive() + " exitcode " + sleeper.exitcode());
        sleeper.terminate();
        sleeper.join();
        System.out.println("terminate: " + sleeper.exitcode());

        var killed = new Process(ProcessLifecycle::sleepForever);
        killed.start();
        killed.kill();
        killed.join();
        System.out.println("kill: " + killed.exitcode());
    }

    /** Python's {@code consume}: squares until the None sentinel, marking each item done. */
    private static void consume(JoinableQueue<Integer> tasks, Queue<Integer> results) throws InterruptedException {
        for (Integer item; (item = tasks.get()) != null; ) {
            results.put(item * item);
            tasks.taskDone();
        }
        tasks.taskDone();
    }

    private static Integer run(Process p) throws InterruptedException {
        p.start();
        p.join();
        return p.exitcode();
    }

    private static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
