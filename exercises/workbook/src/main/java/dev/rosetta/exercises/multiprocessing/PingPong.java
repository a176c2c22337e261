package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.Pool;
import java.util.List;

/**
 * Exercise {@code multiprocessing/pipe-ping-pong}: two processes take turns over a {@link Pipe}.
 *
 * <p>In Python:
 * <pre>
 * def player(conn, rounds):
 *     for _ in range(rounds):
 *         conn.send(conn.recv().replace("ping", "pong"))
 *
 * parent_end, child_end = Pipe()
 * p = Process(target=player, args=(child_end, rounds)); p.start()
 * for i in range(rounds):
 *     parent_end.send(f"ping {i}")
 *     replies.append(parent_end.recv())
 * p.join()
 * </pre>
 *
 * <p>Here the other process is a worker of {@code pool}: submit the player as a task
 * ({@link Pool#applyAsync}) and give it one end of the pipe; this process keeps the other end.
 * {@code recv()} waits until the other side has sent something, so the order of the calls on
 * the two sides decides whether the game is played or both sides wait for ever.
 *
 * <p>Write {@link #play}. Check it: {@code ./rosetta learn check multiprocessing/pipe-ping-pong}.
 * Chapter: docs/multiprocessing.md.
 */
public final class PingPong {
    private PingPong() {
    }

    /**
     * Plays {@code rounds} rounds with a task on {@code pool}: in round {@code i} this process
     * sends {@code "ping i"} on its end of {@code pipe}, and the task answers {@code "pong i"} on
     * the other end. The sides take turns: each ping waits for its pong before the next is sent.
     * Returns the answers in the order they came, once the task has finished (Python's
     * {@code p.join()}).
     */
    public static List<String> play(Pool pool, Pipe<String> pipe, int rounds) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: submit a task that, rounds times, receives a ping on one end"
                + " of the pipe and sends back the pong; here, on the other end, send each ping and receive its pong");
    }
}
