package dev.rosetta.examples.threading;

import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Java's answer for blocking work: virtual threads. Ten thousand blocking calls at once, on a
 * handful of OS threads. In Python the nearest is a big thread pool (every Python thread is an
 * OS thread, about 8 MB of reserved stack each) or asyncio (which needs {@code async} code):
 *
 * <pre>
 * from concurrent.futures import ThreadPoolExecutor
 * import time
 *
 * def call(_):
 *     time.sleep(0.1)                 # a blocking network call
 *
 * start = time.perf_counter()
 * with ThreadPoolExecutor(max_workers=10_000) as pool:
 *     list(pool.map(call, range(10_000)))
 * print(time.perf_counter() - start)  # seconds, and 10,000 OS threads
 * </pre>
 * A virtual thread that blocks in sleep, a socket or a lock unmounts from its carrier (an OS
 * thread of a small ForkJoinPool), which runs another one meanwhile. Blocking code stays plain,
 * sequential, debuggable, and costs a few hundred bytes per waiting call.
 *
 * <p>Here each call is a request to a simulated network that answers after 100 ms.
 * Arguments: calls (default 10,000), milliseconds each (default 100).
 */
public final class VirtualThreadsForBlocking {
    private VirtualThreadsForBlocking() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, VirtualThreadsForBlocking::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        long start;
        try (var network = new Network(latency)) {
            start = System.nanoTime();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < calls; i++) {
                    int request = i;
                    executor.submit(() -> {
                        network.call(request);      // blocks: the virtual thread unmounts
                        carriers.add(carrierOf(Thread.currentThread()));
                        return null;
                    });
                }
            }   // close() waits for every task
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%,d blocking calls of %d ms on virtual threads: %.2f s (one after another: %,.0f s)%n",
                calls, latency.toMillis(), seconds, calls * latency.toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "carried by %d OS thread(s) on %d core(s)%n",
                carriers.size(), Runtime.getRuntime().availableProcessors());
    }

    /** The carrier's name, from a virtual thread's toString: {@code VirtualThread[#42]/runnable@ForkJoinPool-1-worker-1}. */
    private static String carrierOf(Thread virtual) {
        String s = virtual.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? s : s.substring(at + 1);
    }

    /**
     * A network that answers every request {@code latency} after it was sent: one platform thread
     * hands out the replies in deadline order. (Blocking on a future, not in {@code sleep}, keeps
     * the JDK's timer thread for virtual threads out of it, so the example leaves no thread behind.)
     */
    private static final class Network implements AutoCloseable {
        private record Reply(long dueNanos, CompletableFuture<Integer> future) implements Delayed {
            @Override
            public long getDelay(TimeUnit unit) {
                return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }

            @Override
            public int compareTo(Delayed other) {
                return Long.compare(dueNanos, ((Reply) other).dueNanos);
            }
        }

        private final Duration latency;
        private final DelayQueue<Reply> inFlight = new DelayQueue<>();
        private final Thread wire;

        Network(Duration latency) {
            this.latency = latency;
            this.wire = Thread.ofPlatform().name("network").start(this::deliver);
        }

        /** Sends {@code request} and blocks until its reply arrives. */
        int call(int request) throws Exception {
            var reply = new CompletableFuture<Integer>();
            inFlight.put(new Reply(System.nanoTime() + latency.toNanos(), reply));
            reply.get();
            return request;
        }

        private void deliver() {
            try {
                while (true) {
                    inFlight.take().future().complete(0);
                }
            } catch (InterruptedException closed) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            wire.interrupt();
            wire.join();
        }
    }
}
