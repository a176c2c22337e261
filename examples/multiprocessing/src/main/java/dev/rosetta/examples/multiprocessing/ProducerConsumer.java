package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.trace.TimelineFlag;
import java.util.List;

/**
 * Producers in worker processes, one consumer in the parent, joined by a process-shared queue.
 *
 * <pre>
 * from multiprocessing import Manager, Pool
 * def produce(args):
 *     q, who = args
 *     for i in range(5): q.put(f"{who}: item {i}")
 *     q.put(None)                                   # "I am done"
 * if __name__ == "__main__":
 *     with Manager() as m, Pool(2) as pool:
 *         q = m.Queue(maxsize=4)                    # small: producers wait for the consumer
 *         pool.map_async(produce, [(q, "A"), (q, "B")])
 *         done = 0
 *         while done < 2:
 *             item = q.get()
 *             if item is None: done += 1
 *             else: print(item)
 * </pre>
 */
public final class ProducerConsumer {
    private static final String DONE = "done";

    private ProducerConsumer() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ProducerConsumer::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws InterruptedException {
        try (var queue = Queue.<String>create(4); var pool = new Pool(2)) {
            var producers = pool.<String, Integer>imapUnordered(who -> {
                for (int i = 0; i < 5; i++) {
                    queue.put(who + ": item " + i + " (from pid " + ProcessHandle.current().pid() + ")");
                }
                queue.put(DONE);
                return 5;
            }, List.of("A", "B"), 1);
            int done = 0;
            int consumed = 0;
            while (done < 2) {
                String item = queue.get();
                if (DONE.equals(item)) {
                    done++;
                } else {
                    consumed++;
                    System.out.println("consumed " + item);
                }
            }
            producers.forEachRemaining(n -> { });
            System.out.println("consumed " + consumed + " items from 2 producer processes through a queue of 4");
        }
    }
}
