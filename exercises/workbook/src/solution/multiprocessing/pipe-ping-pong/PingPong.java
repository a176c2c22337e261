package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference solution of {@code multiprocessing/pipe-ping-pong}.
 *
 * <p>The worker gets the right end, this process keeps the left: each side sends on its own end
 * and receives on its own end, and what one sends the other receives. The turns are fixed: this
 * side sends first, the worker receives first, so exactly one side waits at any time. Both play
 * the same number of rounds. The task captures only its end (a {@code Connection}, which is
 * serialisable); the {@code Pipe} itself owns the queues and stays here.
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
        for (int i = 0; i < rounds; i++) {
            end.send(end.recv().replace("ping", "pong"));
        }
        return rounds;
    }
}
