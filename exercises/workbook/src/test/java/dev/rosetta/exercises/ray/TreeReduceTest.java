package dev.rosetta.exercises.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.OverlapProbe;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code ray/tree-reduce}. The combines wait in a {@link HeldPool} until the test
 * runs them, and the reduction runs on a driver thread: each time the driver parks (waiting for
 * a combine), the test looks at what it has submitted so far, then runs it. So "it waited for r0
 * while r1 and r2 were ready" is seen at the moment it happens. The contract, one property per test:
 * <ul>
 *   <li>{@code combine} runs on the workers, never on the driver.</li>
 *   <li>When the driver first waits, every pair that was ready has its combine submitted: the two
 *       combines of the first level run side by side (an {@link OverlapProbe} proves it).</li>
 *   <li>Pairs as they become ready: a ref not ready holds back no pair of ready ones.</li>
 *   <li>Every value combined exactly once: n refs, n - 1 combines, the right total.</li>
 *   <li>One ref: its value, no combine; no refs: {@code IllegalArgumentException}.</li>
 * </ul>
 */
@TimeLimit(seconds = 30)
class TreeReduceTest {
    private final HeldPool pool = new HeldPool();
    private final MiniCluster cluster = new MiniCluster(pool);
    private final List<Driver<?>> drivers = new ArrayList<>();
    private final Pending<Integer> held = new Pending<>();
    private final Set<String> combinedOn = ConcurrentHashMap.newKeySet();
    private final AtomicInteger combines = new AtomicInteger();
    private final BinaryOperator<Integer> sum = (a, b) -> {
        combinedOn.add(Thread.currentThread().getName().startsWith("ray-worker-") ? "a worker"
                : Thread.currentThread().getName());
        combines.incrementAndGet();
        return a + b;
    };

    @AfterEach
    void stopEverything() throws InterruptedException {
        held.completeAll(0);
        pool.drain(false);
        for (Driver<?> driver : drivers) {
            driver.finish();
        }
        pool.close();
    }

    /** Refs of {@code values}, ready at once. */
    private List<ObjectRef<Integer>> ready(int... values) {
        var refs = new ArrayList<ObjectRef<Integer>>();
        for (int value : values) {
            refs.add(cluster.put(value));
        }
        return refs;
    }

    /** A ref the test makes ready later. */
    private ObjectRef<Integer> notReady(String name) {
        return held.ref(name);
    }

    private Driver<Integer> reduce(BinaryOperator<Integer> combine, List<ObjectRef<Integer>> refs) {
        var driver = Driver.start(() -> TreeReduce.reduce(cluster, combine, refs));
        drivers.add(driver);
        return driver;
    }

    /** Runs the combines the driver submits, as it submits them, until it returns; returns its result. */
    private int runToTheEnd(Driver<Integer> driver) throws InterruptedException {
        while (!driver.ended()) {
            if (!Waits.until(TimeLimits.MEDIUM, () -> pool.queued() > 0 || driver.ended())) {
                fail("reduce still waits, and has submitted no combine for the test to run: it waits for a ref that"
                        + " nothing will make ready");
            }
            pool.drain(false);
        }
        return driver.result("reduce");
    }

    @Test
    @DisplayName("combine runs on the workers, never on the driver")
    void combinesOnTheWorkers() throws Exception {
        int total = runToTheEnd(reduce(sum, ready(1, 2, 3, 4)));
        if (!combinedOn.equals(Set.of("a worker"))) {
            fail("combine ran on " + combinedOn + ": reducing in the driver (acc = combine(acc, get(ref)) in a loop)"
                    + " gets the right answer while the cluster sits idle. Submit each combine with cluster.remote");
        }
        assertEquals(10, total, "1 + 2 + 3 + 4");
    }

    @Test
    @DisplayName("the combines of one level run side by side")
    void pairsRunSideBySide() throws Exception {
        var probe = new OverlapProbe(2);
        var firstLevel = new AtomicInteger();
        var armed = new AtomicBoolean(); // set once both combines are known to be queued
        BinaryOperator<Integer> probed = (a, b) -> {
            if (armed.get() && firstLevel.getAndIncrement() < 2) {
                try {
                    probe.arriveAndAwait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return sum.apply(a, b);
        };
        var driver = reduce(probed, ready(1, 2, 3, 4));
        if (!driver.parks()) {
            fail("reduce of 4 refs returned " + driver.result("reduce") + " without waiting for a single combine (which"
                    + " the test held back): did combine run on the driver?");
        }
        if (pool.queued() < 2) {
            fail("all 4 refs were ready, and reduce waited with only " + pool.queued() + " combine submitted: combining"
                    + " one after another (each combine waiting for the one before) is a chain, not a tree, and leaves"
                    + " the workers idle. Submit a combine for every ready pair before waiting");
        }
        armed.set(true);
        pool.startQueued(false);
        pool.joinStarted();
        probe.assertOverlapped();
        assertEquals(10, runToTheEnd(driver), "1 + 2 + 3 + 4");
    }

    @Test
    @DisplayName("pairs as they become ready: a ref not ready holds nothing back")
    void pairsAsTheyBecomeReady() throws Exception {
        var refs = new ArrayList<ObjectRef<Integer>>();
        refs.add(notReady("r0"));
        refs.addAll(ready(1, 2, 3, 4));
        var driver = reduce(sum, refs);
        if (!driver.parks()) {
            fail("r0 was not ready, and reduce returned " + driver.result("reduce") + " without waiting for it");
        }
        if (pool.queued() < 2) {
            fail("r0 was not ready and r1 to r4 were, and reduce waited with " + pool.queued() + " combine(s)"
                    + " submitted: it waited for r0, though two pairs were ready. Pair refs as they become ready"
                    + " (Ray.wait(refs, 2)), not in list order");
        }
        held.value(0).complete(10);
        assertEquals(20, runToTheEnd(driver), "10 + 1 + 2 + 3 + 4 is 20: combine every value once (each combine's ref"
                + " goes back with the refs still to combine)");
    }

    @Test
    @DisplayName("every value combined exactly once")
    void everyValueOnce() throws Exception {
        int total = runToTheEnd(reduce(sum, ready(1, 2, 3, 4, 5, 6, 7)));
        assertEquals(28, total, "1 + ... + 7 is 28: combine every value once (each combine's ref must go back with"
                + " the refs still to combine, or its values are lost)");
        assertEquals(6, combines.get(), "7 refs take 6 combines");
    }

    @Test
    @DisplayName("one ref: its value, no combine; no refs: IllegalArgumentException")
    void edges() throws Exception {
        assertEquals(5, runToTheEnd(reduce(sum, ready(5))), "one ref: its value");
        assertEquals(0, pool.handedIn(), "one ref: nothing to combine");
        assertThrows(IllegalArgumentException.class, () -> TreeReduce.reduce(cluster, sum, List.of()),
                "no refs: there is no value to return");
    }
}
