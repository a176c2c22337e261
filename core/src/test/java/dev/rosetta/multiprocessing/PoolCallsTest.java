package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Pool's calls beyond map, each against what CPython 3.11's {@code multiprocessing.Pool}
 * printed for the same program: {@code apply}, {@code map_async} and {@code starmap_async} with
 * their callbacks, {@code starmap} of any arity, {@code imap}'s default chunk size, and which
 * failure {@code map} raises when several tasks fail (with its own type, as CPython).
 */
class PoolCallsTest {

    /** apply runs one task and waits: Python's pool.apply(sq, (7,)) is 49. */
    @Test
    void applyWaitsForOneResult() {
        try (var pool = new Pool(1)) {
            int square = pool.apply((Integer x) -> x * x, 7);
            assertEquals(49, square);
        }
    }

    /** map_async's callback gets the whole list, once (Python: [[0, 1, 4, 9]]); get() returns the same list. */
    @Test
    void mapAsyncCallsBackWithTheWholeList() throws Exception {
        try (var pool = new Pool(2)) {
            var calls = new CopyOnWriteArrayList<List<Integer>>();
            var called = new CompletableFuture<Void>();
            AsyncResult<List<Integer>> result = pool.mapAsync(x -> x * x, List.of(0, 1, 2, 3), 1, list -> {
                calls.add(list);
                called.complete(null);
            }, null);
            assertEquals(List.of(0, 1, 4, 9), result.get(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS));
            called.get(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(List.of(List.of(0, 1, 4, 9)), calls);
            assertTrue(result.successful());
            assertEquals(List.of(), pool.mapAsync(x -> x, List.<Integer>of()).get(), "map_async([]) is []");
        }
    }

    /** starmap_async's error callback gets the failure, and successful() is false (Python: TypeError, False). */
    @Test
    void starmapAsyncCallsTheErrorCallback() throws Exception {
        try (var pool = new Pool(2)) {
            var failure = new CompletableFuture<Throwable>();
            AsyncResult<List<Integer>> result = pool.starmapAsync((Object... t) -> add3(t),
                    List.of(List.of(1, 2, 3), List.of(1, 1, "x")), value -> failure.complete(null), failure::complete);
            Throwable reported = failure.get(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(reported instanceof ClassCastException && reported.getCause() instanceof RemoteError,
                    "the error callback gets the task's own failure (Python: TypeError): " + reported);
            assertTrue(result.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS));
            assertFalse(result.successful());

            var pairs = pool.starmapAsync((Integer a, Integer b) -> a * b, List.of(new Pool.Pair<>(2, 3)), null, null);
            assertEquals(List.of(6), pairs.get());
        }
    }

    /** starmap takes tuples of any length: Python's starmap(add3, [(1, 2, 3), (4, 5, 6)]) is [6, 15]. */
    @Test
    void starmapOfAnyArity() {
        try (var pool = new Pool(2)) {
            assertEquals(List.of(6, 15), pool.starmap((Object... t) -> add3(t), List.of(List.of(1, 2, 3), List.of(4, 5, 6))));
            assertEquals(List.of("ab"), pool.starmap((Object... t) -> "" + t[0] + t[1], List.of(List.of("a", "b"))));
        }
    }

    private static int add3(Object... t) {
        return (Integer) t[0] + (Integer) t[1] + (Integer) t[2];
    }

    /**
     * imap's default chunk size is 1, as CPython's (map's would be 2 here): the first result
     * arrives while the second task still waits. With two tasks in one chunk the first result
     * would wait for the second, which waits for us: the test's time limit would end it.
     */
    @Test
    void imapSendsOneTaskPerChunkByDefault() throws Exception {
        List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7);
        try (var gate = Queue.<String>create(); var pool = new Pool(1)) {
            assertEquals(2, pool.defaultChunksize(items.size()), "map would send two tasks per chunk");
            Iterator<Integer> results = pool.imap(x -> {
                if (x == 1) {
                    gate.get();
                }
                return x * 10;
            }, items);
            assertEquals(0, results.next(), "the first result, while task 1 waits");
            gate.put("go on");
            var rest = new ArrayList<Integer>();
            results.forEachRemaining(rest::add);
            assertEquals(List.of(10, 20, 30, 40, 50, 60, 70), rest);

            var unordered = new ArrayList<Integer>();
            pool.<Integer, Integer>imapUnordered(x -> x + 1, List.of(1, 2)).forEachRemaining(unordered::add);
            assertEquals(List.of(2, 3), unordered.stream().sorted().toList());
        }
    }

    /**
     * When several tasks fail, map raises the failure of the first in input order, after all are
     * done. CPython raises the first to fail in time (there: task 1 fails only after task 3 did,
     * and CPython would raise task 3's KeyError). Forced: task 1 waits until task 3 has failed.
     */
    @Test
    void mapRaisesTheFirstFailureInInputOrder() {
        try (var gate = Queue.<String>create(); var pool = new Pool(2)) {
            var raised = assertThrows(IllegalArgumentException.class, () -> pool.map(x -> {
                if (x == 1) {
                    gate.get();
                    throw new IllegalArgumentException("one");
                }
                gate.put("three failed");
                throw new IllegalStateException("three");
            }, List.of(1, 3), 1));
            assertEquals("one", raised.getMessage());
            assertTrue(raised.getCause().getMessage().startsWith("task 0 raised"), raised.getCause().getMessage());
        }
    }

    /**
     * A checked exception cannot be thrown by map undeclared, so it stays a RemoteError naming
     * its type; an unchecked one comes back as itself (Python: the task's own exception, always).
     */
    @Test
    void aCheckedExceptionStaysARemoteError() {
        try (var pool = new Pool(1)) {
            var checked = assertThrows(RemoteError.class, () -> pool.map(x -> {
                throw new java.io.IOException("disk " + x);
            }, List.of(1)));
            assertEquals("java.io.IOException", checked.remoteType());
            assertTrue(checked.getMessage().startsWith("task 0 raised java.io.IOException: disk 1"), checked.getMessage());
            var unchecked = assertThrows(ArithmeticException.class, () -> pool.map(x -> 1 / x, List.of(0)));
            assertTrue(unchecked.getCause() instanceof RemoteError remote && remote.remoteTrace().contains("ArithmeticException"),
                    String.valueOf(unchecked.getCause()));
        }
    }

    /** A closed pool refuses work: Python's ValueError("Pool not running"), here an IllegalStateException. */
    @Test
    void aClosedPoolRefusesWork() {
        var pool = new Pool(1);
        pool.close();
        var e = assertThrows(IllegalStateException.class, () -> pool.map(x -> x, List.of(1)));
        assertTrue(e.getMessage().startsWith("Pool not running"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> pool.apply(x -> x, 1));
    }
}
