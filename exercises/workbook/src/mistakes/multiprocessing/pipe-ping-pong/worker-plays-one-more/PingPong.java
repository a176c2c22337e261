package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code i <= rounds} in the worker's loop only; this side plays {@code rounds}
 * rounds.
 * BROKEN: this side gets every pong, then waits for the task to finish ({@code partner.get()},
 * Python's {@code p.join()}); but the worker waits in {@code recv()} for one ping more, which
 * this side will never send. Both wait for ever. The two sides of a pipe must agree on how many
 * messages go each way.
 */
public final class PingPong {
    private PingPong() {
    }

    public static List<String> play(Pool pool, Pipe<String> pipe, int rounds) throws InterruptedException {
        Pipe.Connection<String> theirs = pipe.right();
        AsyncResult<Integer> partner = pool.applyAsync(n -> answer(theirs, n), rounds);
        Pipe.Connection<String> mine = pipe.left();
        var replies = new ArrayList<String>(rounds);
        for (int i = 0; i < rounds; i++) {
            mine.send("ping " + i);
            replies.add(mine.recv());
        }
        partner.get();
        return replies;
    }

    /** The worker's side: receive first, then answer, {@code rounds} times. */
    private static int answer(Pipe.Connection<String> end, int rounds) throws InterruptedException {
        for (int i = 0; i <= rounds; i++) {
            end.send(end.recv().replace("ping", "pong"));
        }
        return rounds;
    }
}
