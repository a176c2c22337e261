package dev.rosetta.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starting and stopping a cluster of member JVMs. */
class LocalClusterTest {
    /** Each member is a JVM of its own that runs tasks, and close() leaves none of them running. */
    @Test
    @TimeLimit(seconds = 150)
    void eachMemberIsAJvmOfItsOwnAndCloseStopsThemAll() throws Exception {
        List<ClusterMember> members;
        try (var local = LocalCluster.start(2)) {
            Cluster cluster = local.cluster();
            members = cluster.members();
            assertEquals(List.of("member-1", "member-2"), members.stream().map(ClusterMember::name).toList(),
                    "LocalCluster.start(2) should give 2 members, named in the order they started");
            var pids = new HashSet<Long>();
            for (ClusterMember member : members) {
                assertNotEquals(ProcessHandle.current().pid(), member.pid(), member + " is this JVM: members must be JVMs of their own");
                assertTrue(member.address().startsWith("127.0.0.1:"), member + " listens on " + member.address() + ", not on 127.0.0.1");
                long ranOn = cluster.submit(() -> ProcessHandle.current().pid(), Placement.on(member), 0).join();
                assertEquals(member.pid(), ranOn, "a task placed on " + member + " ran in process " + ranOn);
                pids.add(ranOn);
            }
            assertEquals(2, pids.size(), "two members, two processes: " + members);
        }
        var alive = members.stream()
                .filter(m -> ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive).orElse(false))
                .map(ClusterMember::toString).collect(Collectors.joining(", "));
        assertTrue(alive.isEmpty(), "after close() these members still run: " + alive
                + "; close() must stop every member JVM (SIGTERM, then SIGKILL) and wait for it");
        // the testkit's leak check then finds no process or thread started here
    }

    /** A task that asks for its worker outside a member is told to submit instead. */
    @Test
    void workerCurrentOutsideAMemberSaysToSubmit() {
        var e = assertThrows(IllegalStateException.class, Worker::current);
        assertTrue(e.getMessage().contains("submit"), e.getMessage());
    }

    /** A cluster needs a member. */
    @Test
    void aClusterOfNoMembersIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> LocalCluster.start(0));
        assertFalse(e.getMessage().isBlank());
    }
}
