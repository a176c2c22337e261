package dev.rosetta.examples.threading;

import dev.rosetta.threading.Event;
import dev.rosetta.threading.GilMode;
import dev.rosetta.threading.GlobalInterpreterLock;
import dev.rosetta.threading.NewGil;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code threading} module, one primitive per line, each beside its JDK counterpart and
 * run for real. In Python:
 *
 * <pre>
 * import sys, threading
 *
 * t = threading.Thread(target=work, name="worker"); t.start(); t.join()
 * lock = threading.Lock();        with lock: count += 1
 * rlock = threading.RLock();      with rlock: with rlock: ...      # re-entrant
 * cond = threading.Condition();   with cond: while not items: cond.wait()
 * sem = threading.Semaphore(2);   with sem: ...                    # at most 2 inside
 * ready = threading.Event();      ready.wait() ... ready.set()
 * barrier = threading.Barrier(3, action=f);  barrier.wait()
 * data = threading.local();       data.x = ...                     # one per thread
 * sys.setswitchinterval(0.001);   sys._is_gil_enabled()
 * </pre>
 * Every demo joins its threads before the next begins.
 */
public final class ThreadingApiTour {
    private ThreadingApiTour() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ThreadingApiTour::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        System.out.println("Python threading  ->  JDK, each one run:");
        thread();
        lock();
        rlock();
        condition();
        semaphore();
        event();
        barrier();
        local();
        gilKnobs();
    }

    private static void line(String python, String java, String result) {
        System.out.printf(Locale.ROOT, "  %-34s -> %-46s : %s%n", python, java, result);
    }

    /** threading.Thread(target=work, name=...).start(); t.join(). */
    private static void thread() throws InterruptedException {
        var ranOn = new String[1];
        Thread t = Thread.ofPlatform().name("worker").start(() -> ranOn[0] = Thread.currentThread().getName());
        t.join();       // join is a happens-before edge: ranOn[0] is visible here
        line("Thread(target=f, name='worker')", "Thread.ofPlatform().name(\"worker\").start(f)", "ran on '" + ranOn[0] + "'");
    }

    /** with lock: count += 1, by 4 threads. */
    private static void lock() throws InterruptedException {
        var lock = new ReentrantLock();
        int[] count = {0};
        runThreads(4, i -> {
            for (int n = 0; n < 10_000; n++) {
                lock.lock();
                try {
                    count[0]++;
                } finally {
                    lock.unlock();
                }
            }
        });
        line("Lock(); with lock: count += 1", "ReentrantLock: lock(); try {...} finally {unlock()}",
                String.format(Locale.ROOT, "4 threads x 10,000 = %,d", count[0]));
        var notReentrant = new Semaphore(1);
        notReentrant.acquireUninterruptibly();
        boolean again = notReentrant.tryAcquire();
        notReentrant.release();
        line("Lock() acquired twice, one thread", "Semaphore(1): not re-entrant, like Lock", "second acquire succeeds: " + again);
    }

    /** with rlock: with rlock: ... */
    private static void rlock() {
        var rlock = new ReentrantLock();
        rlock.lock();
        rlock.lock();
        int depth = rlock.getHoldCount();
        rlock.unlock();
        rlock.unlock();
        line("RLock(); with rlock: with rlock:", "ReentrantLock (every Java lock re-enters)", "held " + depth + " deep by one thread");
    }

    /** A consumer waits on a Condition, in a loop, until the producer has put three items. */
    private static void condition() throws InterruptedException {
        var lock = new ReentrantLock();
        Condition notEmpty = lock.newCondition();
        Queue<Integer> items = new ArrayDeque<>();
        var received = new ArrayList<Integer>();
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
            lock.lock();
            try {
                while (received.size() < 3) {
                    while (items.isEmpty()) {       // while, not if: re-check after every wake-up
                        notEmpty.awaitUninterruptibly();
                    }
                    received.add(items.remove());
                }
            } finally {
                lock.unlock();
            }
        });
        for (int i = 1; i <= 3; i++) {
            lock.lock();
            try {
                items.add(i);
                notEmpty.signalAll();
            } finally {
                lock.unlock();
            }
        }
        consumer.join();
        line("Condition(); while not ok: cond.wait()", "lock.newCondition(); while (!ok) await()", "consumer received " + received);
    }

    /** Semaphore(2): five threads, never more than two inside. */
    private static void semaphore() throws InterruptedException {
        var sem = new Semaphore(2);
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        runThreads(5, i -> {
            for (int n = 0; n < 1_000; n++) {
                sem.acquireUninterruptibly();
                try {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    inside.decrementAndGet();
                } finally {
                    sem.release();
                }
            }
        });
        line("Semaphore(2); with sem:", "new Semaphore(2); acquire(); ... release()",
                "5 threads, never more than 2 inside: " + (most.get() <= 2));
    }

    /** Three waiters released by one set(). */
    private static void event() throws InterruptedException {
        var ready = new Event();
        var woken = new AtomicInteger();
        var waiting = new CountDownLatch(3);
        var waiters = new ArrayList<Thread>();
        for (int i = 0; i < 3; i++) {
            waiters.add(Thread.ofPlatform().name("waiter-" + i).start(() -> {
                waiting.countDown();
                try {
                    ready.await();
                    woken.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        waiting.await();
        ready.set();
        for (Thread t : waiters) {
            t.join();
        }
        line("Event(); ready.wait() / ready.set()", "dev.rosetta.threading.Event (JDK: CountDownLatch(1))",
                woken.get() + " waiters released by one set()");
    }

    /** Barrier(3, action): three threads meet, the action runs once. */
    private static void barrier() throws InterruptedException {
        var actions = new AtomicInteger();
        var barrier = new CyclicBarrier(3, actions::incrementAndGet);
        runThreads(3, i -> barrier.await());
        line("Barrier(3, action=f); barrier.wait()", "new CyclicBarrier(3, f); await()", "3 threads met, the action ran " + actions.get() + " time(s)");
    }

    /** threading.local(): each thread sees its own value. */
    private static void local() throws InterruptedException {
        var data = ThreadLocal.withInitial(() -> -1);
        var seen = new TreeMap<String, Integer>();
        runThreads(2, i -> {
            data.set(i);
            synchronized (seen) {
                seen.put(Thread.currentThread().getName(), data.get());
            }
        });
        line("local(); data.x = i", "ThreadLocal<T>: set(i), get()", "each thread saw its own: " + seen);
    }

    /** The GIL's knobs, on the simulated interpreter. */
    private static void gilKnobs() {
        var gil = (NewGil) GlobalInterpreterLock.of(GilMode.GIL);
        Duration before = gil.switchInterval();
        gil.setSwitchInterval(Duration.ofMillis(1));
        line("sys.setswitchinterval(0.001)", "NewGil.setSwitchInterval(Duration.ofMillis(1))",
                "switch interval " + before.toMillis() + " ms -> " + gil.switchInterval().toMillis() + " ms");
        line("sys._is_gil_enabled()", "gil.mode() != GilMode.FREE_THREADED",
                "GIL: " + (gil.mode() != GilMode.FREE_THREADED) + ", free-threaded: "
                        + (GlobalInterpreterLock.of(GilMode.FREE_THREADED).mode() != GilMode.FREE_THREADED));
    }

    @FunctionalInterface
    private interface Body {
        void run(int index) throws Exception;
    }

    /** Starts {@code count} threads named worker-0.., runs {@code body} on each, joins them all. */
    private static void runThreads(int count, Body body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().name("worker-" + i).start(() -> {
                try {
                    body.run(index);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
