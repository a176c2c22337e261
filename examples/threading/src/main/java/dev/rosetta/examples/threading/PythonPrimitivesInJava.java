package dev.rosetta.examples.threading;

import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Each {@code threading} primitive beside its JDK twin, showing the behaviour a Python programmer
 * relies on, and where the twin behaves differently. Run with CPython 3.11, this Python prints the
 * same facts under the same headings (Python's spelling: {@code False}, {@code []}); where the
 * JDK twin differs, the Java line says so and names Python's behaviour:
 *
 * <pre>
 * import threading
 *
 * print("threading.Lock")
 * lock = threading.Lock(); lock.acquire()
 * t = threading.Thread(target=lock.release); t.start(); t.join()   # no owner: any thread may release
 * print("  released by another thread: locked now?", lock.locked())
 * lock.acquire()
 * print("  acquire(blocking=False) while held:", lock.acquire(blocking=False))
 * lock.release()
 * try: lock.release()
 * except RuntimeError as e: print("  release() when unlocked: RuntimeError:", e)
 *
 * print("threading.RLock")
 * rlock = threading.RLock(); rlock.acquire(); rlock.acquire()
 * print("  held 2 deep by one thread")
 * def stranger():
 *     try: rlock.release()
 *     except RuntimeError as e: print("  release() by another thread: RuntimeError:", e)
 * t = threading.Thread(target=stranger); t.start(); t.join()
 * rlock.release(); rlock.release()
 *
 * print("threading.Condition")
 * cond = threading.Condition(); items = []
 * with cond:
 *     print("  wait_for(lambda: items, timeout=0.05) with nobody putting:", cond.wait_for(lambda: items, timeout=0.05))
 * got = []
 * def consumer():
 *     with cond:
 *         got.append(cond.wait_for(lambda: len(items) &gt;= 3))
 * c = threading.Thread(target=consumer); c.start()
 * for i in range(1, 4):
 *     with cond:
 *         items.append(i); cond.notify_all()
 * c.join()
 * print("  wait_for(lambda: len(items) &gt;= 3) returned", got[0], "with items", items)
 *
 * print("threading.Semaphore / BoundedSemaphore")
 * sem = threading.Semaphore(1); sem.release()
 * print("  Semaphore(1) released once too often: now lets in", sem._value)
 * try: threading.BoundedSemaphore(1).release()
 * except ValueError as e: print("  BoundedSemaphore(1).release() too often: ValueError:", e)
 *
 * print("threading.Barrier")
 * barrier = threading.Barrier(3); returned = [None] * 3
 * def party(k): returned[k] = barrier.wait()
 * parties = []
 * for k in range(3):
 *     while barrier.n_waiting &lt; k: pass            # force the arrival order
 *     parties.append(threading.Thread(target=party, args=(k,))); parties[-1].start()
 * for t in parties: t.join()
 * print("  wait() returns, by arrival order:", returned)
 * try: barrier.wait(timeout=0.05)
 * except threading.BrokenBarrierError: print("  wait(timeout) expired: BrokenBarrierError; broken:", barrier.broken)
 * barrier.reset(); print("  after reset(): broken:", barrier.broken)
 * def waiter():
 *     try: barrier.wait()
 *     except threading.BrokenBarrierError: print("  abort() with a waiter: the waiter got BrokenBarrierError")
 * t = threading.Thread(target=waiter); t.start()
 * while barrier.n_waiting &lt; 1: pass
 * barrier.abort(); t.join(); print("  broken:", barrier.broken)
 *
 * print("threading.local")
 * data = threading.local(); data.x = "main's"; seen = []
 * def look():
 *     seen.append(getattr(data, "x", "nothing")); data.x = "worker's"
 * t = threading.Thread(target=look); t.start(); t.join()
 * print("  a new thread sees", seen[0] + "; main still sees", data.x)
 *
 * print("threading.Timer")
 * ran = []
 * late = threading.Timer(3600, lambda: ran.append("late")); late.start(); late.cancel(); late.join()
 * soon = threading.Timer(0.01, lambda: ran.append("soon")); soon.start(); soon.join()
 * print("  cancelled before it fired ran nothing; the other ran:", ran)
 * </pre>
 *
 * <p>The one to remember: {@code Condition.wait_for(predicate, timeout)} is nothing but a
 * {@code while} loop around {@code await}, re-checking after every wake-up ({@link #waitFor}).
 * Every thread started here is joined, and every order the output depends on is forced.
 */
public final class PythonPrimitivesInJava {
    private PythonPrimitivesInJava() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, PythonPrimitivesInJava::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        lock();
        rlock();
        condition();
        semaphores();
        barrier();
        local();
        timer();
    }

    private static void title(String python, String jdk) {
        System.out.println(python + "  ->  " + jdk);
    }

    private static void say(String fact) {
        System.out.println("  " + fact);
    }

    /** threading.Lock has no owner: its twin is a Semaphore(1), not a ReentrantLock. */
    private static void lock() throws InterruptedException {
        title("threading.Lock", "new Semaphore(1) (a ReentrantLock has an owner and re-enters)");
        var lock = new Semaphore(1);
        lock.acquireUninterruptibly();
        Thread.ofPlatform().name("releaser").start(lock::release).join();
        say("released by another thread: locked now? " + (lock.availablePermits() == 0));
        lock.acquireUninterruptibly();
        say("tryAcquire() while held (acquire(blocking=False)): " + lock.tryAcquire());
        lock.release();
        lock.release(); // Python: RuntimeError
        say("release() when unlocked: no error, " + lock.availablePermits()
                + " permits now (Python: RuntimeError: release unlocked lock) - check locked() first");
    }

    /** threading.RLock: an owner and a hold count, as ReentrantLock. */
    private static void rlock() throws InterruptedException {
        title("threading.RLock", "new ReentrantLock()");
        var rlock = new ReentrantLock();
        rlock.lock();
        rlock.lock();
        say("held " + rlock.getHoldCount() + " deep by one thread");
        var error = new String[1];
        Thread.ofPlatform().name("stranger").start(() -> {
            try {
                rlock.unlock();
            } catch (IllegalMonitorStateException e) {
                error[0] = e.getClass().getSimpleName();
            }
        }).join();
        say("unlock() by another thread: " + error[0] + " (Python: RuntimeError: cannot release un-acquired lock)");
        rlock.unlock();
        rlock.unlock();
    }

    /**
     * Python's {@code cond.wait_for(predicate, timeout)}, exactly: a while loop around
     * {@code await}. Call it holding the condition's lock. {@code timeoutNanos < 0}: no timeout.
     */
    static boolean waitFor(Condition cond, BooleanSupplier predicate, long timeoutNanos) throws InterruptedException {
        long left = timeoutNanos;
        while (!predicate.getAsBoolean()) {     // re-check after every wake-up: another thread may have run first
            if (timeoutNanos < 0) {
                cond.await();
            } else if (left <= 0) {
                return false;                   // Python returns the predicate's last (falsy) value
            } else {
                left = cond.awaitNanos(left);   // the time still left, so a spurious wake-up does not restart the clock
            }
        }
        return true;
    }

    /** threading.Condition: wait_for with and without a timeout; notify_all. */
    private static void condition() throws InterruptedException {
        title("threading.Condition", "lock.newCondition(); wait_for = while (!predicate) await()");
        var lock = new ReentrantLock();
        Condition cond = lock.newCondition();
        List<Integer> items = new ArrayList<>();
        lock.lock();
        try {
            say("wait_for(lambda: items, timeout=0.05) with nobody putting: "
                    + waitFor(cond, () -> !items.isEmpty(), TimeUnit.MILLISECONDS.toNanos(50)));
        } finally {
            lock.unlock();
        }
        var got = new String[1];
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
            lock.lock();
            try {
                boolean ok = waitFor(cond, () -> items.size() >= 3, -1);
                got[0] = ok + " with items " + items;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        for (int i = 1; i <= 3; i++) {
            lock.lock();
            try {
                items.add(i);
                cond.signalAll();               // notify_all()
            } finally {
                lock.unlock();
            }
        }
        consumer.join();
        say("wait_for(lambda: len(items) >= 3) returned " + got[0]);
    }

    /** Python's BoundedSemaphore: the JDK has none, so the bound is checked under a lock. */
    static final class BoundedSemaphore {
        private final Semaphore permits;
        private final int bound;

        BoundedSemaphore(int value) {
            this.permits = new Semaphore(value);
            this.bound = value;
        }

        void acquire() throws InterruptedException {
            permits.acquire();
        }

        /** Only release adds permits, and releases are serialised: the check cannot go stale. */
        synchronized void release() {
            if (permits.availablePermits() >= bound) {
                throw new IllegalArgumentException("Semaphore released too many times");
            }
            permits.release();
        }
    }

    /** threading.Semaphore and BoundedSemaphore. */
    private static void semaphores() {
        title("threading.Semaphore / BoundedSemaphore", "new Semaphore(n) / none: check the bound yourself");
        var sem = new Semaphore(1);
        sem.release();
        say("Semaphore(1) released once too often: now lets in " + sem.availablePermits());
        try {
            new BoundedSemaphore(1).release();
        } catch (IllegalArgumentException e) {
            say("BoundedSemaphore(1).release() too often: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (Python: ValueError)");
        }
    }

    /** threading.Barrier: the same idea as CyclicBarrier, its index counted the other way. */
    private static void barrier() throws Exception {
        title("threading.Barrier", "new CyclicBarrier(3)");
        var barrier = new CyclicBarrier(3);
        int[] returned = new int[3];
        var parties = new ArrayList<Thread>();
        for (int k = 0; k < 3; k++) {
            while (barrier.getNumberWaiting() < k) {
                Thread.onSpinWait();            // force the arrival order: k arrives after k - 1 waits
            }
            int arrival = k;
            parties.add(Thread.ofPlatform().name("party-" + k).start(() -> {
                try {
                    returned[arrival] = barrier.await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    returned[arrival] = -1;
                }
            }));
        }
        for (Thread t : parties) {
            t.join();
        }
        say("await() returns, by arrival order: " + List.of(returned[0], returned[1], returned[2])
                + "; Python's wait() index is parties - 1 - that: "
                + List.of(2 - returned[0], 2 - returned[1], 2 - returned[2]));
        try {
            barrier.await(50, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            say("await(timeout) expired: TimeoutException (Python: BrokenBarrierError); broken: " + barrier.isBroken());
        }
        barrier.reset();
        say("after reset(): broken: " + barrier.isBroken());
        var caught = new String[1];
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            try {
                barrier.await();
            } catch (BrokenBarrierException e) {
                caught[0] = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (barrier.getNumberWaiting() < 1) {
            Thread.onSpinWait();
        }
        barrier.reset();                        // the JDK has no abort(): reset() breaks the waiters ...
        waiter.join();
        say("reset() with a waiter: the waiter got " + caught[0] + "; broken: " + barrier.isBroken()
                + " (... and is usable again; Python's abort() leaves it broken: True)");
    }

    /** threading.local: ThreadLocal. */
    private static void local() throws InterruptedException {
        title("threading.local", "ThreadLocal<T>");
        var x = new ThreadLocal<String>();
        x.set("main's");
        var seen = new String[1];
        Thread.ofPlatform().name("worker").start(() -> {
            seen[0] = x.get() == null ? "nothing" : x.get();  // Python: AttributeError; getattr(data, "x", "nothing")
            x.set("worker's");
        }).join();
        say("a new thread sees " + seen[0] + "; main still sees " + x.get());
    }

    /** threading.Timer: one thread per timer in Python; a scheduler in the JDK. */
    private static void timer() throws Exception {
        title("threading.Timer", "ScheduledExecutorService.schedule(f, delay); cancel");
        var ran = new ArrayList<String>();
        try (var scheduler = Executors.newSingleThreadScheduledExecutor()) {
            var late = scheduler.schedule(() -> ran.add("late"), 1, TimeUnit.HOURS);
            late.cancel(false);                 // Timer.cancel(): only before it fires
            scheduler.schedule(() -> ran.add("soon"), 10, TimeUnit.MILLISECONDS).get(); // t.start(); t.join()
        }
        say("cancelled before it fired ran nothing; the other ran: " + ran);
    }
}
