package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: both sides written as "receive, then reply", the same loop on each end.
 * BROKEN: this process waits in recv() for the worker's first message, and the worker waits in
 * recv() for this process's first message. Nobody ever sends: a deadlock between two
 * processes, which no lock and no thread dump of one JVM can show as a cycle. One side must
 * send first.
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
            replies.add(mine.recv());
            mine.send("ping " + i);
        }
        partner.get();
        return replies;
    }

    private static int answer(Pipe.Connection<String> end, int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            end.send(end.recv().replace("ping", "pong"));
        }
        return rounds;
    }
}
