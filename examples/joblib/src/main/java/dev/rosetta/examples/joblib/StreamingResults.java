package dev.rosetta.examples.joblib;

import dev.rosetta.joblib.Backend;
import static dev.rosetta.joblib.Delayed.delayed;

import dev.rosetta.joblib.Parallel;
import dev.rosetta.trace.TimelineFlag;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * Results that stream out while the work goes on: {@code return_as="generator"} keeps the input's
 * order, so it hands out nothing until the first task is done; {@code "generator_unordered"}
 * hands each result over as soon as it is done.
 *
 * <pre>{@code
 * from time import sleep
 * from joblib import Parallel, delayed
 * def echo(i):
 *     sleep(0.1 * (4 - i))           # the first tasks are the slowest
 *     print("finished", i)
 *     return i
 * for r in Parallel(n_jobs=4, return_as="generator")(delayed(echo)(i) for i in range(4)): print("in order", r)
 * for r in Parallel(n_jobs=4, return_as="generator_unordered")(delayed(echo)(i) for i in range(4)): print("as done", r)
 * }</pre>
 *
 * Here the order is forced rather than slept into: in the first run task i finishes only after
 * task i + 1 has; in the second, only after the caller has received task i + 1's result — which
 * shows that the caller really gets each result while the others still run.
 */
public final class StreamingResults {
    private static volatile CountDownLatch[] gates;
    private static volatile CountDownLatch[] first;

    private StreamingResults() {
    }

    static int echo(int i) throws InterruptedException {
        if (i < 3) {
            gates[i + 1].await();
        }
        System.out.println("finished " + i);
        if (gates == first) {
            first[i].countDown();
        }
        return i;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, StreamingResults::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        var tasks = IntStream.range(0, 4).mapToObj(i -> delayed(StreamingResults::echo, i)).toList();
        try (var parallel = new Parallel(Parallel.Options.nJobs(4).backend(Backend.THREADING).batchSize(1))) {
            first = latches();
            gates = first; // task i finishes after task i + 1 finished
            try (var inOrder = parallel.<Integer>generator(tasks)) {
                inOrder.forEachRemaining(r -> System.out.println("in order " + r));
            }
            CountDownLatch[] received = latches();
            gates = received; // task i finishes after the caller received task i + 1
            try (var asDone = parallel.<Integer>generatorUnordered(tasks)) {
                asDone.forEachRemaining(r -> {
                    System.out.println("as done  " + r);
                    received[r].countDown();
                });
            }
        }
    }

    private static CountDownLatch[] latches() {
        return IntStream.range(0, 4).mapToObj(i -> new CountDownLatch(1)).toArray(CountDownLatch[]::new);
    }
}
