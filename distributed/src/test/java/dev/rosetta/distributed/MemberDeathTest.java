package dev.rosetta.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A member killed while it runs a task. */
class MemberDeathTest {
    /**
     * The task of a member killed by SIGKILL mid-task is resubmitted to the other member and its
     * answer is still right; the cluster reports the member gone.
     */
    @Test
    @TimeLimit(seconds = 150)
    void aKilledMembersTaskIsResubmittedAndStillRight() throws Exception {
        try (var local = LocalCluster.start(2);
             Queue<Long> started = Queue.create();
             Queue<String> release = Queue.create()) {
            Cluster cluster = local.cluster();
            var left = new CompletableFuture<ClusterMember>();
            cluster.onMemberLeft(left::complete);
            ObjectRef<Integer> input = cluster.store().put("input", 20);

            CompletableFuture<Integer> answer = cluster.submit(() -> {
                started.put(ProcessHandle.current().pid());   // "I am running"
                release.get();                                 // blocked here until the test says go
                return Worker.current().cluster().store().get(input) + 22;
            }, input);

            long firstPid = started.get(TimeLimits.LONG);
            ClusterMember victim = cluster.members().stream().filter(m -> m.pid() == firstPid).findFirst().orElseThrow();
            local.kill(victim);                                // SIGKILL while the task waits in release.get()

            long secondPid = started.get(TimeLimits.LONG);
            assertNotEquals(firstPid, secondPid, "the task was resubmitted to the member that was killed");
            release.put("go");
            release.put("go");                                 // one per start: the killed wait may have taken one with it
            assertEquals(42, answer.get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS),
                    "the resubmitted task's answer (the input survived in the store's backup on the other member)");
            assertEquals(victim, left.get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS),
                    "onMemberLeft should report the killed member");

            var pinned = assertThrows(CompletionException.class,
                    () -> cluster.submit(() -> 1, Placement.on(victim), Cluster.MAX_RETRIES).join());
            assertInstanceOf(KilledWorker.class, pinned.getCause(),
                    "a task placed on a dead member has nowhere else to run: it should fail with KilledWorker");
        }
    }
}
