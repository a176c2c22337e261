package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code i <= rounds} in both loops.
 * BROKEN: the two sides agree with each other, so nothing hangs, but they play rounds + 1
 * rounds: one ping and one pong too many. (Had only one side counted wrong, it would wait in
 * recv() for a message the other side never sends.)
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

    private static int answer(Pipe.Connection<String> end, int rounds) throws InterruptedException {
        for (int i = 0; i <= rounds; i++) {
            end.send(end.recv().replace("ping", "pong"));
        }
        return rounds;
    }
}
