package dev.rosetta.exercises.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code ray/dependencies}. The arguments are futures the test completes when it
 * chooses; the workers are a {@link HeldPool}, so "handed to a worker before its inputs were
 * ready" is counted, not inferred from a hang. {@code remote} is called by a driver thread, so a
 * caller that waits is seen parked. The contract, one property per test:
 * <ul>
 *   <li>{@code remote} returns at once, its arguments not ready, and nothing is handed to a worker yet.</li>
 *   <li>The task is handed over only when every argument is ready, and gets their values in the order of the arguments.</li>
 *   <li>A failed argument fails the result with its error; {@code f} never runs.</li>
 *   <li>Refs made by other tasks, in a chain, and no arguments at all, work the same way.</li>
 * </ul>
 */
@TimeLimit(seconds = 30)
class DependenciesTest {
    private final HeldPool pool = new HeldPool();
    private final MiniCluster cluster = new MiniCluster(pool);
    private final List<Driver<?>> drivers = new ArrayList<>();
    private final Pending<String> inputs = new Pending<>();
    private final AtomicBoolean fRan = new AtomicBoolean();
    private final Function<List<String>, String> joined = values -> {
        fRan.set(true);
        return String.join("+", values);
    };

    @AfterEach
    void stopEverything() throws InterruptedException {
        inputs.completeAll("late");
        pool.drain(false);
        for (Driver<?> driver : drivers) {
            driver.finish();
        }
        pool.close();
    }

    /** {@code n} argument refs, a0, a1 ..., none ready. */
    private List<ObjectRef<String>> args(int n) {
        return inputs.refs("a", n);
    }

    /** {@code Dependencies.remote(...)} on a driver thread: it must return without waiting for the arguments. */
    private <A, R> ObjectRef<R> remote(Function<List<A>, R> f, List<ObjectRef<A>> args) throws InterruptedException {
        var driver = Driver.start(() -> Dependencies.remote(cluster, f, args));
        drivers.add(driver);
        if (driver.parks()) {
            fail("remote() waited for its arguments on the caller's thread: f.remote(a, b) returns a ref at once, ready"
                    + " or not; the task waits for its arguments, not the caller. Submit it from a callback on the"
                    + " arguments' futures (allOf(...).whenComplete)");
        }
        return driver.result("Dependencies.remote");
    }

    private static <T> Throwable errorOf(ObjectRef<T> ref) throws InterruptedException {
        try {
            ref.future().get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    @DisplayName("remote returns at once, and hands nothing to a worker while the arguments are not ready")
    void nothingWaitsForTheArguments() throws Exception {
        ObjectRef<String> result = remote(joined, args(2));
        if (pool.handedIn() > 0) {
            fail("a0 and a1 were not ready, and the task was already handed to a worker: there it can only block its"
                    + " worker in get until they are. With a pool of one worker and the task that makes a0 queued"
                    + " behind it, that is a deadlock. Hand the task over only once every argument is ready");
        }
        assertFalse(result.isReady(), "the arguments are not ready: neither is the result");
        inputs.value(0).complete("v0");
        inputs.value(1).complete("v1");
        pool.drain(false);
        assertEquals("v0+v1", result.future().get(), "f([v0, v1]) once both were ready");
    }

    @Test
    @DisplayName("handed over when every argument is ready, with the values in the order of the arguments")
    void startsWhenEveryArgumentIsReady() throws Exception {
        ObjectRef<String> result = remote(joined, args(3));
        inputs.value(2).complete("v2");
        inputs.value(0).complete("v0");
        if (pool.handedIn() > 0) {
            fail("only a2 and a0 of 3 arguments were ready, and the task was handed to a worker: a task starts only"
                    + " when every argument is ready (allOf, not anyOf); until then it would hold its worker waiting");
        }
        inputs.value(1).complete("v1");
        assertEquals(1, pool.handedIn(), "a2, a0 and then a1 became ready: the task must be handed to a worker now,"
                + " once (from the callback of the last argument; nobody waits)");
        pool.drain(false);
        assertEquals("v0+v1+v2", result.future().get(), "the arguments became ready as a2, a0, a1: f must still get"
                + " their values in the order of the arguments, [v0, v1, v2]");
    }

    @Test
    @DisplayName("a failed argument fails the result with its error; f never runs")
    void aFailedArgumentFailsTheResult() throws Exception {
        List<ObjectRef<String>> args = args(2);
        ObjectRef<String> result = remote(joined, args);
        var error = new RayTaskError("a1", new IllegalArgumentException("no such file"));
        inputs.value(1).completeExceptionally(error);
        inputs.value(0).complete("v0");
        pool.drain(false);
        if (!result.isReady()) {
            fail("a1 failed and a0 is ready, and the result never became ready: its caller waits for ever. A callback"
                    + " that runs only on success (thenRun, thenAccept) is skipped when an argument fails: use"
                    + " whenComplete (or handle), and fail the result with the argument's error");
        }
        assertFalse(fRan.get(), "a1 failed: f must never run (it would get no value for a1)");
        assertSame(error, errorOf(result), "a1 failed with " + error + ": the result must fail with that error, as"
                + " it is");
    }

    @Test
    @DisplayName("refs made by other tasks, in a chain")
    void aChainOfTasks() throws Exception {
        ObjectRef<Integer> a = cluster.remote(() -> 20);
        ObjectRef<Integer> b = remote((List<Integer> values) -> values.getFirst() + 1, List.of(a));
        ObjectRef<Integer> c = remote((List<Integer> values) -> values.get(0) * values.get(1),
                List.of(b, cluster.put(2)));
        if (pool.handedIn() > 1) {
            fail("only a (20) was ready to run, and " + pool.handedIn() + " tasks were handed to the workers: b waits"
                    + " for a, and c for b; a task handed over before every argument is ready can only block its"
                    + " worker");
        }
        pool.drain(true);
        assertEquals(42, c.future().get(), "c = (a + 1) * 2 with a = 20: each task ran when its inputs were ready");
    }

    @Test
    @DisplayName("no arguments: handed over at once")
    void noArguments() throws Exception {
        ObjectRef<String> result = remote(joined, List.of());
        assertEquals(1, pool.handedIn(), "no arguments to wait for: the task is handed to a worker at once");
        pool.drain(false);
        assertEquals("", result.future().get(), "f([]) joined is the empty string");
    }
}
