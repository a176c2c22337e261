package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: the task takes its end from the pipe itself, {@code pipe.right()} inside
 * the lambda.
 * BROKEN: the lambda then captures the whole {@code Pipe}, which is not serialisable (it owns
 * the two queues and their servers, which live in this process), so the pool refuses the task
 * at submit with a PicklingError. Take the end out here and let the task capture only that
 * {@code Connection}: a handle, made to travel.
 */
public final class PingPong {
    private PingPong() {
    }

    public static List<String> play(Pool pool, Pipe<String> pipe, int rounds) throws InterruptedException {
        AsyncResult<Integer> partner = pool.applyAsync(n -> {
            Pipe.Connection<String> end = pipe.right();
            for (int i = 0; i < n; i++) {
                end.send(end.recv().replace("ping", "pong"));
            }
            return n;
        }, rounds);
        Pipe.Connection<String> mine = pipe.left();
        var replies = new ArrayList<String>(rounds);
        for (int i = 0; i < rounds; i++) {
            mine.send("ping " + i);
            replies.add(mine.recv());
        }
        partner.get();
        return replies;
    }
}
