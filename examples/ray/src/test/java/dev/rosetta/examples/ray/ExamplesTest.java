package dev.rosetta.examples.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimeLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example main runs and prints what its javadoc says (facts and structure, never speed). */
@TimeLimit(seconds = 120)
class ExamplesTest {

    /** Eight results, each announced once, however the workers interleave; the sum is right. */
    @Test
    void tasksAndWait() throws Throwable {
        String out = PrintedOutput.ofMain(TasksAndWait.class);
        assertEquals(8, out.split("ready: ", -1).length - 1, out);
        assertTrue(out.contains("still running: 0\n"), out);
        assertTrue(out.endsWith("sum of squares: 140\n"), out);
    }

    /** Both ways give the same results; the times are printed, never asserted. */
    @Test
    void getInALoop() throws Throwable {
        String out = PrintedOutput.ofMain(GetInALoop.class, "20");
        assertTrue(out.contains("get in the loop:") && out.contains("submit all, get once:"), out);
        assertTrue(out.endsWith("the same 20 results both ways: true\n"), out);
    }

    /** Ten calls, none waited for, come back 1 to 10; a call after kill is refused with the actor's name. */
    @Test
    void actorCounter() throws Throwable {
        String out = PrintedOutput.ofMain(ActorCounter.class);
        assertTrue(out.startsWith("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nlives in another process: true\n"), out);
        assertTrue(out.contains("after ray.kill: ActorDiedError: actor Counter#1 is dead (it was killed with ray.kill)"), out);
    }

    /** A worker killed mid-job: every task still finishes, in its place, on a replacement worker. */
    @Test
    void workerKilled() throws Throwable {
        String out = PrintedOutput.ofMain(WorkerKilled.class);
        assertTrue(out.contains("results: 400, lost: 0\nevery result in its place: true\n"), out);
        assertTrue(out.endsWith("workers now: 2, the killed one among them: false\n"), out);
    }

    /** The same program on the local cluster and on two Hazelcast member JVMs prints the same results. */
    @Test
    @TimeLimit(seconds = 240)
    void onHazelcast() throws Throwable {
        String out = PrintedOutput.ofMain(OnHazelcast.class);
        String program = "  squares [0, 1, 4, 9, 16, 25], none computed in the driver: true\n"
                + "  sum of the million numbers put in the store: 499999500000\n"
                + "  counter [1, 2, 3, 4, 5]\n";
        assertTrue(out.contains("2 workers)\n" + program), out);
        assertTrue(out.contains("2 Hazelcast members), pids ["), out);
        assertEquals(2, out.split(java.util.regex.Pattern.quote(program), -1).length - 1, "the program's lines, once per runtime: " + out);
        assertTrue(out.endsWith("the same results on both: true\n"), out);
    }

    /** With --timeline FILE the tasks are drawn on the workers' lanes, named after the function. */
    @Test
    void timelineDrawsTheTasks(@TempDir Path dir) throws Throwable {
        String printed = PrintedOutput.ofMain(TasksAndWait.class, "--timeline", dir.resolve("ray.json").toString());
        assertTrue(printed.contains("Chrome trace: " + dir.resolve("ray.json")), printed);
        String json = Files.readString(dir.resolve("ray.json"));
        assertTrue(json.contains("TasksAndWait.slowSquare"), "a span named after the remote function: " + json);
        assertTrue(json.contains("worker-1 (pid "), "a worker process's lane");
    }
}
