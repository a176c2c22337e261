package dev.rosetta.distributed.ray;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.distributed.ClusterMember;
import dev.rosetta.distributed.LocalCluster;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.ray.ActorDiedError;
import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.ray.RemoteFunction;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A member killed with SIGKILL in the middle of a Ray job on Hazelcast. */
class MemberKilledTest {
    /** A counter; its state lives in its member's memory only. */
    public static final class Counter {
        private int count;

        public int increment() {
            return ++count;
        }
    }

    /**
     * Tasks running on the killed member are run again on the other and every answer is right;
     * its actors die: the one with maxRestarts=1 starts over on the other member, the one with
     * maxRestarts=0 raises ActorDiedError.
     */
    @Test
    @TimeLimit(seconds = 200)
    void tasksFinishAndActorsRestartOrDieWhenAMemberIsKilled() throws Exception {
        int tasks = 12;
        try (var local = LocalCluster.start(2);
             Queue<Long> started = Queue.create();
             Queue<String> release = Queue.create();
             Ray ray = Ray.init(HazelcastRuntime.on(local.cluster()))) {
            // actors go round robin over the two members: made in this order, one restartable and one mortal on each
            var restartable = new ArrayList<ActorHandle<Counter>>();
            var mortal = new ArrayList<ActorHandle<Counter>>();
            restartable.add(ray.actor(Counter::new, ActorHandle.Options.named("restartable").maxRestarts(1)));
            mortal.add(ray.actor(Counter::new, ActorHandle.Options.named("mortal")));
            mortal.add(ray.actor(Counter::new, ActorHandle.Options.named("mortal")));
            restartable.add(ray.actor(Counter::new, ActorHandle.Options.named("restartable").maxRestarts(1)));
            for (var actor : restartable) {
                ray.get(List.of(actor.remote(Counter::increment), actor.remote(Counter::increment)));
            }

            RemoteFunction<Integer> slowDouble = ray.remote((Integer x) -> {
                started.put(ProcessHandle.current().pid());   // "I am running here"
                release.get();                                 // held until the test says go
                return 2 * x;
            });
            var refs = new ArrayList<ObjectRef<Integer>>();
            for (int i = 0; i < tasks; i++) {
                refs.add(slowDouble.remote(i));
            }
            long victimPid = started.get(TimeLimits.LONG);      // a task is running on this member now
            ClusterMember victim = local.cluster().members().stream()
                    .filter(m -> m.pid() == victimPid).findFirst().orElseThrow();
            ActorHandle<Counter> restarted = restartable.stream().filter(a -> a.workerPid() == victimPid).findFirst().orElseThrow();
            ActorHandle<Counter> killed = mortal.stream().filter(a -> a.workerPid() == victimPid).findFirst().orElseThrow();
            ActorHandle<Counter> spared = mortal.stream().filter(a -> a != killed).findFirst().orElseThrow();
            local.kill(victim);
            for (int i = 0; i < 3 * tasks; i++) {
                release.put("go");                             // plenty: a killed task may have taken one with it
            }

            for (int i = 0; i < tasks; i++) {
                assertEquals(2 * i, ray.get(refs.get(i)), "task " + i + " should have been run again on the other member");
            }

            await().atMost(TimeLimits.LONG).until(() -> restarted.restarts() == 1 && restarted.workerPid() != 0);
            assertNotEquals(victimPid, restarted.workerPid(), "the restarted actor should live on the other member");
            assertEquals(1, ray.get(restarted.remote(Counter::increment)),
                    "a restarted actor's constructor ran again: its count starts over (it was 2 before the kill)");

            var died = assertThrows(ActorDiedError.class, () -> ray.get(killed.remote(Counter::increment)),
                    "an actor with maxRestarts=0 whose member died should raise ActorDiedError");
            assertTrue(died.getMessage().contains("maxRestarts=0"), died.getMessage());
            assertEquals(1, ray.get(spared.remote(Counter::increment)), "an actor on the member that lived is untouched");
        }
    }
}
