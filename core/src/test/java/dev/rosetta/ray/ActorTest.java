package dev.rosetta.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.OverlapProbe;
import dev.rosetta.testkit.TimeLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Actors: state in a worker of its own, calls in order and one at a time, restarts, kill. */
class ActorTest {
    private static Ray ray;

    @BeforeAll
    static void startCluster() {
        ray = Ray.init(1);
    }

    @AfterAll
    static void stopCluster() {
        ray.shutdown();
    }

    /** An actor that records the order of its calls and whether two ever overlapped. */
    public static final class Log {
        private final List<Integer> entries = new ArrayList<>();
        private final OverlapProbe probe = new OverlapProbe(2, TimeLimits.SHORT);

        public int append(int value) {
            entries.add(value);
            return entries.size();
        }

        public ArrayList<Integer> entries() {
            return new ArrayList<>(entries);
        }

        /** Waits (a short while) for another call to be inside at the same time. */
        public boolean overlapped() throws InterruptedException {
            return probe.arriveAndAwait();
        }

        public long pid() {
            return ProcessHandle.current().pid();
        }

        public int dieOnce(String marker) throws java.io.IOException {
            Gate.dieOnFirstTry(marker);
            return entries.size();
        }
    }

    /** Calls from one caller run in the order they were made, on one instance that keeps its state. */
    @Test
    void callsRunInSubmissionOrder() {
        var log = ray.actor(Log.class);
        try {
            List<ObjectRef<Integer>> sizes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sizes.add(log.remote(Log::append, i));
            }
            assertEquals(IntStream.rangeClosed(1, 200).boxed().toList(), ray.get(sizes));
            assertEquals(IntStream.range(0, 200).boxed().toList(), ray.get(log.remote(Log::entries)));
            assertTrue(log.workerPid() != ProcessHandle.current().pid() && log.workerPid() > 0);
        } finally {
            ray.kill(log);
        }
    }

    /** Two calls submitted together never run at the same time: the probe inside the actor sees one at a time. */
    @Test
    void callsRunOneAtATime() {
        var log = ray.actor(Log.class);
        try {
            ObjectRef<Boolean> first = log.remote(Log::overlapped);
            ObjectRef<Boolean> second = log.remote(Log::overlapped);
            assertFalse(ray.get(first), "the first call met the second inside the actor: calls ran concurrently");
            assertTrue(ray.get(second), "the second call found the first's arrival recorded: it ran after it");
        } finally {
            ray.kill(log);
        }
    }

    /** A call whose argument is not ready holds back the calls made after it: order is kept. */
    @Test
    void aWaitingArgumentKeepsTheOrder(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        String at = gate.toString();
        var log = ray.actor(Log.class);
        try {
            ObjectRef<Integer> late = ray.remote((Integer x) -> Gate.await(at) ? x : -1).remote(1);
            log.remote(Log::append, late);
            ObjectRef<Integer> after = log.remote(Log::append, 2);
            assertFalse(after.ready(), "the second call cannot run before the first one's argument is there");
            Gate.open(gate);
            assertEquals(2, ray.get(after));
            assertEquals(List.of(1, 2), ray.get(log.remote(Log::entries)));
        } finally {
            ray.kill(log);
        }
    }

    /** maxRestarts: the constructor runs again after the worker dies, state starts over; past the limit, ActorDiedError. */
    @Test
    void maxRestartsRebuildsTheActorThenItDies(@TempDir Path dir) {
        var log = ray.actor(Log::new, ActorHandle.Options.named("Log").maxRestarts(1));
        try {
            ray.get(log.remote(Log::append, 7));
            var died = assertThrows(ActorDiedError.class, () -> ray.get(log.remote(Log::dieOnce, dir.resolve("a").toString())));
            assertTrue(died.getMessage().contains("was restarted (1 of maxRestarts=1)"), died.getMessage());
            assertEquals(List.of(), ray.get(log.remote(Log::entries)), "a restarted actor starts with fresh state");
            assertEquals(1, log.restarts());

            var dead = assertThrows(ActorDiedError.class, () -> ray.get(log.remote(Log::dieOnce, dir.resolve("b").toString())));
            assertTrue(dead.getMessage().contains("maxRestarts=1 allows no more restarts"), dead.getMessage());
            var after = assertThrows(ActorDiedError.class, () -> ray.get(log.remote(Log::entries)));
            assertTrue(after.getMessage().startsWith("actor Log#"), after.getMessage());
        } finally {
            ray.kill(log);
        }
    }

    /** A named actor is found by its name; a second actor with the same name is refused; the name is free after kill. */
    @Test
    void namedActorsAreFoundAndUnique() {
        var log = ray.actor(Log::new, ActorHandle.Options.named("Log").withName("the-log"));
        try {
            ray.get(log.remote(Log::append, 5));
            ActorHandle<Log> found = ray.getActor("the-log");
            assertEquals(List.of(5), ray.get(found.remote(Log::entries)), "getActor found another actor than the named one");
            var taken = assertThrows(IllegalArgumentException.class,
                    () -> ray.actor(Log::new, ActorHandle.Options.named("Log").withName("the-log")));
            assertTrue(taken.getMessage().contains("the actor name 'the-log' is already taken by Actor(Log#"), taken.getMessage());
        } finally {
            ray.kill(log);
        }
        var gone = assertThrows(IllegalArgumentException.class, () -> ray.getActor("the-log"));
        assertTrue(gone.getMessage().startsWith("Failed to look up actor with name 'the-log'"), gone.getMessage());
        var again = ray.actor(Log::new, ActorHandle.Options.named("Log").withName("the-log"));
        ray.kill(again);
    }

    /** kill stops the actor; a call on it fails with ActorDiedError naming the actor and why. */
    @Test
    void aCallOnAKilledActorSaysSo() {
        var log = ray.actor(Log.class);
        long pid = ray.get(log.remote(Log::pid));
        ray.kill(log);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the actor's worker outlived kill");
        var e = assertThrows(ActorDiedError.class, () -> ray.get(log.remote(Log::entries)));
        assertTrue(e.getMessage().matches("actor Log#\\d+ is dead \\(it was killed with ray.kill\\), so Log#\\d+.entries cannot run.*"),
                e.getMessage());
    }
}
