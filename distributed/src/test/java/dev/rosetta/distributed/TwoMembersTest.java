package dev.rosetta.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimeLimit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example main prints what its javadoc says: two member JVMs, who ran each task, the sum beside its data. */
class TwoMembersTest {
    @Test
    @TimeLimit(seconds = 150)
    void printsTwoMembersAndWhoRanEachTask() throws Throwable {
        String out = PrintedOutput.ofMain(TwoMembers.class);
        var members = Pattern.compile("(?m)^member (member-\\d \\(pid \\d+\\)) at 127\\.0\\.0\\.1:\\d+$").matcher(out).results()
                .map(m -> m.group(1)).toList();
        assertEquals(2, members.size(), out);
        assertFalse(out.contains("(pid " + ProcessHandle.current().pid() + ")"), "a task ran in the client JVM:\n" + out);
        for (int i = 0; i < 6; i++) {
            var line = Pattern.compile("(?m)^task " + i + ": " + i * i + " ran on (member-\\d \\(pid \\d+\\))$").matcher(out);
            assertTrue(line.find() && members.contains(line.group(1)), "task " + i + " and who ran it:\n" + out);
        }
        var sum = Pattern.compile("(?m)^'part-0' is held by (.+); its sum 6 ran on (.+)$").matcher(out);
        assertTrue(sum.find(), out);
        assertEquals(sum.group(1), sum.group(2), "the sum should run where its data is:\n" + out);
    }
}
