package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.SharedMemory;
import dev.rosetta.trace.TimelineFlag;
import java.util.List;
import java.util.Locale;

/**
 * One counter in shared memory, incremented by two worker processes: without and with an
 * atomic (locked) add.
 *
 * <pre>
 * from multiprocessing import Pool, shared_memory
 * shm = shared_memory.SharedMemory(create=True, size=8)
 * def bump(name):                  # read, add, write: another process can run in between
 *     s = shared_memory.SharedMemory(name=name)
 *     for _ in range(N):
 *         v = int.from_bytes(s.buf[:8], "little"); s.buf[:8] = (v + 1).to_bytes(8, "little")
 * # ... the total comes out short; with a multiprocessing.Lock around it, it is exact.
 * shm.close(); shm.unlink()
 * </pre>
 *
 * <p>Processes that share memory race exactly like threads. The fix is the same idea: make the
 * read-add-write one indivisible step (here a locked add on the shared page).
 */
public final class SharedCounter {
    private SharedCounter() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, SharedCounter::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        int perTask = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        String name = "example-counter-" + ProcessHandle.current().pid();
        List<Integer> tasks = List.of(0, 1, 2, 3);
        long expected = (long) perTask * tasks.size();
        try (var pool = new Pool(2); var shm = SharedMemory.create(name, 16)) {
            pool.map(t -> {
                try (var mine = SharedMemory.attach(name)) {
                    for (int i = 0; i < perTask; i++) {
                        mine.setLong(0, mine.getLong(0) + 1);
                        mine.getAndAddLong(8, 1);
                    }
                }
                return t;
            }, tasks, 1);
            System.out.printf(Locale.ROOT, "plain read-add-write: %,d of %,d (lost %,d)%n",
                    shm.getLong(0), expected, expected - shm.getLong(0));
            System.out.printf(Locale.ROOT, "atomic add:           %,d of %,d (lost %,d)%n",
                    shm.getLong(8), expected, expected - shm.getLong(8));
            shm.unlink();
        }
        System.out.println("unlinked: the block '" + name + "' exists afterwards: " + SharedMemory.exists(name));
    }
}
