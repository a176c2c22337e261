package dev.rosetta.distributed.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.distributed.ObjectStore;
import dev.rosetta.distributed.Worker;
import dev.rosetta.ray.ActorDiedError;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.ray.RemoteFunction;
import dev.rosetta.testkit.TimeLimit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Ray on Hazelcast members: where objects live, retries, errors. Each test starts its own members
 * (a cluster shared by the tests would grow its client's threads inside one test and stop them in another).
 */
@TimeLimit(seconds = 150)
class HazelcastRuntimeTest {

    /**
     * A large result stays in the IMap and a task that takes it reads it on its own member: the
     * driver fetches nothing until it asks for the value itself. A small one is kept inline.
     */
    @Test
    void aLargeObjectGoesFromMemberToMemberNotThroughTheDriver() {
        var runtime = new HazelcastRuntime[1];
        try (Ray ray = Ray.init(r -> runtime[0] = (HazelcastRuntime) HazelcastRuntime.members(2).start(r))) {
            RemoteFunction<int[]> ones = ray.remote((Integer n) -> IntStream.range(0, n).map(i -> 1).toArray());
            RemoteFunction<String> sumAndWhere = ray.remote((int[] values) ->
                    IntStream.of(values).sum() + " on " + Worker.current().self().name());
            ObjectRef<int[]> big = ones.remote(100_000);
            ObjectRef<Integer> small = ray.remote((Integer x) -> x + 1).remote(1);
            String answer = ray.get(sumAndWhere.remote(big));

            assertTrue(answer.startsWith("100000 on member-"), "the sum should run on a member: " + answer);
            assertTrue(HazelcastRuntime.storeKey(big).isPresent(),
                    "400 KB is above the inline limit: it should stay in the store, not come back to the driver");
            assertEquals(0, runtime[0].fetchedFromStore(),
                    "the task that took the large ref should read it on its member; the driver read it from the store");
            assertEquals(2, ray.get(small));
            assertTrue(HazelcastRuntime.storeKey(small).isEmpty(), "a small result is kept inline, in the driver");
            assertEquals(100_000, ray.get(big).length);
            assertEquals(1, runtime[0].fetchedFromStore(), "ray.get of the large object reads it from the store once");
        }
    }

    /**
     * A task that raises twice is run again with retryExceptions, within maxRetries; without it,
     * its first exception reaches get. The tries are counted in the store, which every member sees.
     */
    @Test
    void retryExceptionsRunsARaisingTaskAgain() {
        try (Ray ray = Ray.init(HazelcastRuntime.members(1))) {
            RemoteFunction<Integer> flaky = ray.remote((String key) -> {
                ObjectStore store = Worker.current().cluster().store();
                var tries = new dev.rosetta.distributed.ObjectRef<Integer>(key);
                int tried = store.contains(tries) ? store.get(tries) + 1 : 1;   // tries run one after another
                store.put(key, tried);
                if (tried < 3) {
                    throw new IllegalStateException("flaky, try " + tried);
                }
                return tried;
            });
            assertEquals(3, ray.get(flaky.maxRetries(3).retryExceptions(true).remote("tries-a")),
                    "the third try should have succeeded and been the answer");
            var raised = assertThrows(IllegalStateException.class, () -> ray.get(flaky.remote("tries-b")),
                    "without retryExceptions a task that raises is not run again");
            assertEquals("flaky, try 1", raised.getMessage());
        }
    }

    /** A task whose input failed fails with the input's error, without running; an actor whose constructor raises is never made. */
    @Test
    void errorsReachTheCallerAsInTheLocalCluster() {
        try (Ray ray = Ray.init(HazelcastRuntime.members(1))) {
            ObjectRef<Integer> failed = ray.remote((Integer x) -> x / 0).remote(1);
            var raised = assertThrows(ArithmeticException.class, () -> ray.get(ray.remote((Integer x) -> x + 1).remote(failed)));
            assertEquals("/ by zero", raised.getMessage());

            var notMade = assertThrows(ActorDiedError.class, () -> ray.actor(() -> {
                throw new IllegalStateException("no config");
            }));
            assertInstanceOf(IllegalStateException.class, notMade.getCause(), notMade.toString());
            assertTrue(notMade.getMessage().contains("no config"), notMade.getMessage());
            assertTrue(ray.toString().contains("1 Hazelcast member)"), ray.toString());
        }
    }
}
