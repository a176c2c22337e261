package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code i <= rounds} on this side only; the worker plays {@code rounds} rounds.
 * BROKEN: after the last real round this side sends one ping more and waits in {@code recv()}
 * for its pong; the worker has finished its rounds and returned, so that pong never comes and
 * the game never ends. The two sides of a pipe must agree on how many messages go each way.
 */
public final class PingPong {
    private PingPong() {
    }

    public static List<String> play(Pool pool, Pipe<String> pipe, int rounds) throws InterruptedException {
        Pipe.Connection<String> theirs = pipe.right();
        AsyncResult<Integer> partner = pool.applyAsync(n -> answer(theirs, n), rounds);
        Pipe.Connection<String> mine = pipe.left();
        var replies = new ArrayList<String>(rounds);
        for (int i = 0; i <= rounds; i++) {
            mine.send("ping " + i);
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
