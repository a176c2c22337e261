package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.Pipe;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code multiprocessing/pipe-ping-pong}. The contract:
 * <ol>
 *   <li>each {@code "ping i"} is answered by the worker's {@code "pong i"}, and the replies come back in order;</li>
 *   <li>exactly {@code rounds} rounds: no message is left unread in the pipe (zero rounds: none at all);</li>
 *   <li>the sides take turns: this side sends ping {@code i + 1} only after pong {@code i} has come back,
 *       so at most one ping is ever on its way;</li>
 *   <li>the game ends: one side sends first, and both sides play the same number of rounds —
 *       otherwise one side waits in {@code recv()} for a message the other never sends;</li>
 *   <li>play returns once the worker's task has finished (Python's {@code p.join()}): the worker
 *       is free for the next task.</li>
 * </ol>
 * The game runs on a thread of its own and takes well under a second; if it has not ended within
 * {@link #GAME}, the test says who waits for what (its thread's place, and the messages still in
 * the pipe) and ends the game: the pool is terminated and the pipe closed, so nothing is left
 * behind for the next test.
 */
@TimeLimit(seconds = 30)
class PingPongTest {
    private static final int ROUNDS = 5;
    /** How long a game may take before it counts as stuck; a game that ends takes milliseconds. */
    private static final Duration GAME = TimeLimits.scaled(Duration.ofSeconds(3));
    /** How long the test's own task holds the pool's worker at most; the test lets it go long before. */
    private static final Duration HELD = TimeLimits.scaled(Duration.ofSeconds(10));

    /** Zero rounds, then five rounds with the same worker: each ping answered by its pong, nothing left over. */
    @Test
    @DisplayName("zero rounds, then five: each ping answered by its pong, in order, nothing left in the pipe")
    void zeroRoundsThenFive() throws Exception {
        var pool = new Pool(1);
        try {
            List<String> none = game(pool, 0);
            if (!none.isEmpty()) {
                fail("0 rounds gave the replies " + none + ": with rounds = 0 neither side sends anything. Count the"
                        + " rounds again on both sides: for (int i = 0; i < rounds; i++) plays rounds rounds.");
            }
            List<String> expected = IntStream.range(0, ROUNDS).mapToObj(i -> "pong " + i).toList();
            List<String> replies = game(pool, ROUNDS);
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
            expectWorkerFree(pool);
        } finally {
            pool.terminate();
        }
    }

    /**
     * The sides take turns: one ping, then its pong, then the next ping. Forced: a task of the
     * test's holds the pool's only worker, so the partner cannot start and no pong can come; this
     * side must then wait in its first recv() with exactly one ping sent. Then the worker is let
     * go, and the game must end as usual.
     */
    @Test
    @DisplayName("the sides take turns: each ping waits for its pong before the next")
    void theSidesTakeTurns() throws Exception {
        var pool = new Pool(1);
        try (var gate = Queue.<String>create(1)) {
            pool.applyAsync(g -> Gate.passed(g, HELD), gate);
            var sentBeforeAnyPong = new AtomicReference<Integer>();
            List<String> replies = game(pool, ROUNDS, (player, pipe) -> {
                sentBeforeAnyPong.set(pingsSentBeforeAnyPong(player, pipe));
                gate.put("the worker is yours");
            });
            Integer sent = sentBeforeAnyPong.get();
            if (sent != null && sent > 1) {
                fail("this side sent " + sent + " pings before the first pong came back (the test held the worker,"
                        + " so no pong could come): a ping-pong takes turns. Send one ping, wait for its pong with"
                        + " recv(), and only then send the next; sending every ping first and collecting the pongs"
                        + " afterwards plays no turns at all, it only fills the pipe. Returned " + replies + ".");
            }
        } finally {
            pool.terminate();
        }
    }

    /**
     * How many pings are in the pipe once this side waits in recv() (the partner is held, so none
     * was read), or null if {@code player} ends or does not get to a recv() within {@link #GAME}.
     */
    private static Integer pingsSentBeforeAnyPong(Thread player, Pipe<String> pipe) {
        long deadline = System.nanoTime() + GAME.toNanos();
        while (player.isAlive() && System.nanoTime() - deadline < 0) {
            if (Arrays.stream(player.getStackTrace()).anyMatch(f -> f.toString().contains("Pipe$Connection.recv"))) {
                return sizeUnlessBusy(pipe.left().outbox());
            }
            Thread.yield();
        }
        return null;
    }

    /** What the test does while a game is under way: {@code player} is the thread that runs play. */
    @FunctionalInterface
    private interface WhilePlaying {
        void run(Thread player, Pipe<String> pipe) throws Exception;
    }

    /** One game on a fresh pipe, on a thread of its own; fails, saying who waits for what, if it does not end. */
    private static List<String> game(Pool pool, int rounds) throws Exception {
        return game(pool, rounds, (player, pipe) -> { });
    }

    /** As {@link #game(Pool, int)}, running {@code meanwhile} once the game has started. */
    private static List<String> game(Pool pool, int rounds, WhilePlaying meanwhile) throws Exception {
        var result = new CompletableFuture<List<String>>();
        Thread player = null;
        try (var pipe = Pipe.<String>create()) {
            player = Thread.ofPlatform().name("play").start(() -> {
                try {
                    result.complete(PingPong.play(pool, pipe, rounds));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            meanwhile.run(player, pipe);
            List<String> replies;
            try {
                replies = result.get(GAME.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stuck) {
                String report = stuck(player, pipe, rounds);
                pool.terminate();
                throw new AssertionError(report);
            } catch (ExecutionException failed) {
                throw explained(failed.getCause());
            }
            expectNothingLeft(pipe.left(), "left", rounds);
            expectNothingLeft(pipe.right(), "right", rounds);
            return replies;
        } finally {
            if (player != null) {
                player.interrupt();
                player.join(TimeLimits.MEDIUM);
            }
        }
    }

    /** Why the game has not ended: where this side waits, and what is still in the pipe. */
    private static String stuck(Thread player, Pipe<String> pipe, int rounds) {
        List<String> frames = Arrays.stream(player.getStackTrace()).map(f -> "    at " + f).toList();
        String where = frames.stream().filter(f -> !f.contains("java.base/")).limit(8)
                .collect(Collectors.joining("\n"));
        boolean inRecv = frames.stream().anyMatch(f -> f.contains("Pipe$Connection.recv"));
        boolean inJoin = frames.stream().anyMatch(f -> f.contains("AsyncResult.get") || f.contains("AsyncResult.await"));
        List<Integer> unread = new ArrayList<>();
        for (Queue<String> direction : List.of(pipe.left().outbox(), pipe.right().outbox())) {
            unread.add(sizeUnlessBusy(direction)); // the direction this side waits on cannot answer: null
        }
        int waiting = unread.stream().filter(n -> n != null).mapToInt(Integer::intValue).sum();
        String head = rounds + " rounds did not end within " + GAME.toMillis() + " ms (a game takes milliseconds). ";
        String tail = "\nThis side (play) waits in:\n" + where;
        if (inRecv && waiting == 0) {
            return head + "This side waits in recv(), and no message is on its way in either direction: the worker"
                    + " waits in recv() too. Each waits for the other to speak first — a deadlock between two"
                    + " processes. One side must send first: this side sends the ping, then receives; the worker"
                    + " receives, then answers." + tail;
        }
        if (inRecv) {
            return head + "This side waits in recv() for a reply, while " + waiting + " message(s) it sent lie"
                    + " unread in the pipe: the worker has stopped receiving, having played fewer rounds than this"
                    + " side. Both sides must play the same number of rounds (i < rounds on each)." + tail;
        }
        if (inJoin) {
            return head + "This side has its replies and waits for the worker's task to finish (p.join()); the"
                    + " worker still waits in recv() for a ping this side will never send: it plays more rounds"
                    + " than this side. Both sides must play the same number of rounds (i < rounds on each)." + tail;
        }
        return head + "This side is not in recv() nor waiting for the task: see where it is." + tail;
    }

    /** {@code q.qsize()}, unless another thread of this process is blocked on the queue (then null). */
    private static Integer sizeUnlessBusy(Queue<String> queue) {
        var size = new CompletableFuture<Integer>();
        Thread asker = Thread.ofPlatform().daemon(true).name("qsize").start(() -> {
            try {
                size.complete(queue.qsize());
            } catch (Throwable t) {
                size.completeExceptionally(t);
            }
        });
        try {
            return size.get(TimeLimits.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception busy) {
            asker.interrupt(); // ends when the pipe is closed
            return null;
        }
    }

    private static AssertionError explained(Throwable failure) {
        if (failure instanceof AssertionError error) {
            return error;
        }
        if (failure instanceof PicklingError e) {
            return new AssertionError("the worker's task could not be sent: " + e.getMessage() + " The Pipe stays in"
                    + " the process that created it (it owns the queues); what travels is one end. Take it out"
                    + " first, var theirs = pipe.right(), and let the task capture only theirs.", e);
        }
        return new AssertionError("play raised " + failure, failure);
    }

    private static void expectNothingLeft(Pipe.Connection<String> end, String name, int rounds)
            throws InterruptedException {
        if (end.poll()) {
            fail("after a game of " + rounds + " rounds, \"" + end.recv() + "\" was still waiting to be received at"
                    + " the " + name + " end: one side sent a message the other never read");
        }
    }

    /** After play returned, the pool's one worker runs a new task at once: the game's task had finished. */
    private static void expectWorkerFree(Pool pool) throws Exception {
        try {
            pool.applyAsync(x -> x, 1).get(GAME.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException busy) {
            fail("play returned, but the worker's task was still running: the pool's only worker could not take a"
                    + " new task within " + GAME.toMillis() + " ms. Wait for the task before returning (its"
                    + " AsyncResult.get(), Python's p.join()); and let it play exactly the rounds this side plays.");
        }
    }
}
