package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.testkit.TimeLimit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code multiprocessing/pipe-ping-pong}. Its limit is short on purpose: the game
 * takes well under a second, and a game in which both sides wait in {@code recv()} never ends,
 * so the limit's report (where each thread of this process waits) is how that mistake shows.
 */
@TimeLimit(seconds = 6)
class PingPongTest {
    private static final int ROUNDS = 5;

    /** Five rounds with a worker: every ping is answered by its pong, in turn, and nothing is left over. */
    @Test
    @DisplayName("five rounds: each ping answered by its pong, in order, nothing left in the pipe")
    void fiveRounds() throws Exception {
        List<String> expected = IntStream.range(0, ROUNDS).mapToObj(i -> "pong " + i).toList();
        try (var pipe = Pipe.<String>create()) {
            var pool = new Pool(1);
            try {
                List<String> replies = play(pool, pipe);
                if (replies.size() != ROUNDS) {
                    fail(ROUNDS + " rounds gave " + replies.size() + " replies: " + replies + ". Count the rounds"
                            + " again on both sides: for (int i = 0; i < rounds; i++) plays rounds rounds.");
                }
                for (int i = 0; i < ROUNDS; i++) {
                    if (replies.get(i).equals("ping " + i)) {
                        fail("the reply to \"ping " + i + "\" was \"ping " + i + "\", this process's own message: it"
                                + " received on the end it had sent from (or on the worker's end). Each side sends"
                                + " and receives on its own end; what goes into left() comes out of right().");
                    }
                }
                if (!replies.equals(expected)) {
                    fail("the replies were " + replies + ", expected " + expected + ": round i sends \"ping i\" and"
                            + " the worker answers \"pong i\"");
                }
                expectNothingLeft(pipe.left(), "left");
                expectNothingLeft(pipe.right(), "right");
            } finally {
                pool.terminate();
            }
        }
    }

    private static List<String> play(Pool pool, Pipe<String> pipe) throws InterruptedException {
        try {
            return PingPong.play(pool, pipe, ROUNDS);
        } catch (PicklingError e) {
            throw new AssertionError("the worker's task could not be sent: " + e.getMessage() + " The Pipe stays in"
                    + " the process that created it (it owns the queues); what travels is one end. Take it out"
                    + " first, var theirs = pipe.right(), and let the task capture only theirs.", e);
        }
    }

    private static void expectNothingLeft(Pipe.Connection<String> end, String name) throws InterruptedException {
        if (end.poll()) {
            fail("after the game, \"" + end.recv() + "\" was still waiting to be received at the " + name + " end: one side"
                    + " sent a message the other never read");
        }
    }
}
