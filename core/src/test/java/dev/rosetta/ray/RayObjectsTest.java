package dev.rosetta.ray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The object store: small values inline, large ones kept where they were made and fetched worker to worker, behind the token. */
class RayObjectsTest {
    private static final int LARGE = 1 << 20;
    private static Ray ray;

    @BeforeAll
    static void startCluster() {
        ray = Ray.init(2);
    }

    @AfterAll
    static void stopCluster() {
        ray.shutdown();
    }

    static byte[] filled(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    static long checksum(byte[] bytes) {
        long sum = 0;
        for (byte b : bytes) {
            sum = sum * 31 + b;
        }
        return sum;
    }

    /** An actor that sums what it is given: a worker of its own, so what it is given is fetched from another process. */
    public static final class Summer {
        public long checksum(byte[] bytes) {
            return RayObjectsTest.checksum(bytes);
        }
    }

    /** A small result travels inline; a large one stays in the worker that made it, and get fetches it from there. */
    @Test
    void aLargeResultStaysInItsWorker() {
        var make = ray.remote(RayObjectsTest::filled);
        ObjectRef<byte[]> small = make.remote(100);
        ObjectRef<byte[]> large = make.remote(LARGE);
        assertTrue(ray.objectLocation(small).isEmpty(), "a 100-byte result has no location: it travels inline");
        ObjectLocation where = ray.objectLocation(large).orElseThrow(() -> new AssertionError("a 1 MiB result should stay in its worker"));
        assertTrue(ray.workerPids().contains(where.pid()), "kept by " + where.pid() + ", not by a worker " + ray.workerPids());
        assertTrue(where.objectSize() == LARGE && where.host().equals("127.0.0.1"), where.toString());
        assertArrayEquals(filled(LARGE), ray.get(large));
        assertArrayEquals(filled(100), ray.get(small));
    }

    /** A large ref passed to an actor is fetched by the actor's worker from the task's worker: the driver fetches nothing. */
    @Test
    void aLargeArgumentGoesWorkerToWorker() {
        var summer = ray.actor(Summer.class);
        try {
            ObjectRef<byte[]> large = ray.remote(RayObjectsTest::filled).remote(LARGE);
            long before = ray.bytesFetchedByDriver();
            long sum = ray.get(summer.remote(Summer::checksum, large));
            assertEquals(checksum(filled(LARGE)), sum);
            assertEquals(before, ray.bytesFetchedByDriver(), "the driver fetched the object: it went through the driver");
            assertTrue(ray.objectLocation(large).orElseThrow().pid() != summer.workerPid(), "made and read in one process");
        } finally {
            ray.kill(summer);
        }
    }

    /** An actor that makes a large result (kept in its own worker, not copied) and then writes to what it is given. */
    public static final class Scribbler {
        public byte[] make(int n) {
            return filled(n);
        }

        public long scribble(byte[] bytes) {
            bytes[0]++;
            return checksum(bytes);
        }
    }

    /**
     * A large {@code byte[]} result is kept as it is, without a copy, so the store must never hand
     * out those very bytes: a taker in the same process gets an array of its own. Here the actor
     * that made the value takes it back and writes to it; the value everyone else gets is unchanged.
     */
    @Test
    void aTakerInTheHoldingProcessGetsItsOwnArray() {
        var scribbler = ray.actor(Scribbler.class);
        try {
            ObjectRef<byte[]> made = scribbler.remote(Scribbler::make, LARGE);
            assertEquals(scribbler.workerPid(), ray.objectLocation(made).orElseThrow().pid(), "the result should stay with its maker");
            ray.get(scribbler.remote(Scribbler::scribble, made));
            assertEquals(checksum(filled(LARGE)), checksum(ray.get(made)),
                    "the actor changed the array it was given, and the stored value changed with it: the holding process"
                            + " handed out the store's own bytes instead of a copy (look at Node.fetch)");
        } finally {
            ray.kill(scribbler);
        }
    }

    /** A large put is kept by the driver's object server; a task reads it from there, and get returns a copy. */
    @Test
    void aLargePutIsServedByTheDriver() {
        byte[] original = filled(LARGE);
        ObjectRef<byte[]> ref = ray.put(original);
        assertEquals(ProcessHandle.current().pid(), ray.objectLocation(ref).orElseThrow().pid());
        assertEquals(checksum(original), ray.get(ray.remote(RayObjectsTest::checksum).remote(ref)));
        original[0]++;
        assertEquals(checksum(filled(LARGE)), checksum(ray.get(ref)), "put keeps a copy, taken at the call");
    }

    /** A large put whose ref nobody holds any more is freed from the driver's store (found by the garbage collector). */
    @Test
    void aDroppedRefFreesItsValue() {
        try (Ray own = Ray.init(1)) {
            ObjectRef<byte[]> held = own.put(filled(LARGE));
            own.put(filled(LARGE)); // dropped at once
            assertEquals(2, own.objectsKeptByDriver());
            assertTrue(Waits.until(TimeLimits.LONG, () -> {
                System.gc();
                own.put(1); // making a ref frees what was dropped
                return own.objectsKeptByDriver() == 1;
            }), "the dropped put was never freed");
            assertArrayEquals(filled(LARGE), own.get(held), "the held put was freed with the dropped one");
        }
    }

    /** A connection that answers the challenge with a wrong token is refused, and the refusal is counted. */
    @Test
    void aWrongTokenIsRefused() throws IOException {
        int refusedBefore = ray.refusedConnections();
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), ray.objectServerPort());
             var in = new DataInputStream(socket.getInputStream());
             var out = new DataOutputStream(socket.getOutputStream())) {
            byte[] wrongToken = Challenge.newToken();
            var refused = assertThrows(AuthenticationError.class, () -> Challenge.answer(in, out, wrongToken));
            assertTrue(refused.getMessage().contains("digest sent was rejected"), refused.getMessage());
        }
        assertTrue(Waits.until(TimeLimits.LONG, () -> ray.refusedConnections() == refusedBefore + 1),
                "the driver's object server did not count the refused connection");
    }

    /** A connection to a worker's object server that skips the challenge (a plain request) is dropped unanswered. */
    @Test
    void aRequestWithoutTheChallengeIsDropped() throws IOException {
        ObjectLocation where = ray.objectLocation(ray.remote(RayObjectsTest::filled).remote(LARGE)).orElseThrow();
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), where.port());
             var in = new DataInputStream(socket.getInputStream());
             var out = new DataOutputStream(socket.getOutputStream())) {
            out.write("GET /objects/1 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] challenge = Challenge.receive(in); // the server speaks first: a challenge, never data
            assertTrue(new String(challenge, StandardCharsets.US_ASCII).startsWith("#CHALLENGE#"));
            assertEquals(List.of("#FAILURE#"), List.of(new String(Challenge.receive(in), StandardCharsets.US_ASCII)),
                    "the request's bytes were taken as a wrong answer");
            assertThrows(EOFException.class, in::readInt, "the server kept the connection open after refusing it");
        }
    }

    /** Two nodes with different tokens cannot fetch from each other; a node of another cluster is refused before connecting. */
    @Test
    void nodesOfAnotherClusterAreRefused() {
        var filter = Pickle.allowList(List.of());
        try (var owner = new Node(7, Challenge.newToken(), filter);
             var sameNumberOtherToken = new Node(7, Challenge.newToken(), filter);
             var otherCluster = new Node(8, Challenge.newToken(), filter)) {
            Node.Stored stored = owner.store(Pickle.dumps("secret"), false);
            var lost = assertThrows(ObjectLostError.class, () -> sameNumberOtherToken.fetch(stored));
            assertTrue(lost.getMessage().contains("digest"), lost.getMessage());
            assertTrue(Waits.until(TimeLimits.LONG, () -> owner.refused() == 1), "the owner did not count the refusal");
            var foreign = assertThrows(IllegalArgumentException.class, () -> otherCluster.fetch(stored));
            assertTrue(foreign.getMessage().contains("belongs to Ray cluster 7, not to cluster 8"), foreign.getMessage());
            assertEquals("secret", owner.fetch(stored));
            assertFalse(owner.refused() > 1);
        }
    }
}
