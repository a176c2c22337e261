package dev.rosetta.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rosetta.testkit.TimeLimit;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class LocalClusterTest {
    /** Two members start as JVMs of their own, run tasks, and are gone after close. */
    @Test
    @TimeLimit(seconds = 60)
    void startsMembersAsSeparateJvms() throws Exception {
        try (var local = LocalCluster.start(2)) {
            var members = local.cluster().members();
            assertEquals(2, members.size(), members.toString());
            var pids = new HashSet<Long>();
            for (var m : members) {
                pids.add(m.pid());
                assertNotEquals(ProcessHandle.current().pid(), m.pid());
            }
            assertEquals(2, pids.size());
            long pid = local.cluster().submit(() -> ProcessHandle.current().pid()).join();
            System.out.println("ran on " + pid + " members " + members);
        }
    }
}
