package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: send every ping first, then receive every pong.
 * BROKEN: the pipe buffers the pings, so the replies come out right, but nobody took turns: this
 * side never waited for a pong before its next ping. In a real exchange each message depends on
 * the answer to the last one (a move in a game, a request built from the previous reply), and
 * here none could. A ping-pong sends one ping, waits for its pong, and only then sends the next.
 */
public final class PingPong {
    private PingPong() {
    }

    public static List<String> play(Pool pool, Pipe<String> pipe, int rounds) throws InterruptedException {
        Pipe.Connection<String> theirs = pipe.right();
        AsyncResult<Integer> partner = pool.applyAsync(n -> answer(theirs, n), rounds);
        Pipe.Connection<String> mine = pipe.left();
        for (int i = 0; i < rounds; i++) {
            mine.send("ping " + i);                     // BROKEN: no pong awaited between the pings
        }
        var replies = new ArrayList<String>(rounds);
        for (int i = 0; i < rounds; i++) {
            replies.add(mine.recv());
        }
        partner.get();
        return replies;
    }

    /** The worker's side: receive first, then answer, {@code rounds} times. */
    private static int answer(Pipe.Connection<String> end, int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            end.send(end.recv().replace("ping", "pong"));
        }
        return rounds;
    }
}
