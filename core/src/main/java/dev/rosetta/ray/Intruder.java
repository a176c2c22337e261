package dev.rosetta.ray;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client that does not hold the cluster's token, knocking on an object server: what the
 * "ShadowRay" attackers (CVE-2023-48022) did to Ray's jobs API, which listens without
 * authentication, tried against this cluster. For demos and the tour: it shows the door is shut.
 *
 * <pre>{@code
 * Intruder.Knock knock = Intruder.withoutToken(port, "POST /api/jobs/ HTTP/1.1\r\n\r\n");
 * knock.refused();   // true: the server sent its challenge, then #FAILURE#, and hung up
 * }</pre>
 *
 * <p>Thread-safety: stateless; each knock uses a connection of its own.
 */
public final class Intruder {
    private static final int READ_TIMEOUT_MS = 20_000;

    private Intruder() {
    }

    /**
     * What the server did with a knock.
     *
     * @param heard  the messages the server sent, as text ({@code #CHALLENGE# + 20 random bytes}, {@code #FAILURE#})
     * @param closed whether the server then closed the connection
     */
    public record Knock(List<String> heard, boolean closed) {
        /** Refused: a challenge, a {@code #FAILURE#}, the connection closed, and nothing else — no object, no welcome. */
        public boolean refused() {
            return closed && heard.size() == 2 && heard.get(0).startsWith("#CHALLENGE#") && heard.get(1).equals("#FAILURE#");
        }
    }

    /** Connects to {@code 127.0.0.1:port} and sends {@code request} as it is, answering no challenge: a plain client. */
    public static Knock withoutToken(int port, String request) {
        return knock(port, (in, out) -> {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
    }

    /** Connects and answers the challenge properly, but under a token of its own guessing. */
    public static Knock withGuessedToken(int port) {
        return knock(port, (in, out) -> {
            byte[] challenge = Challenge.receive(in);
            byte[] message = Arrays.copyOfRange(challenge, Challenge.CHALLENGE.length, challenge.length);
            Challenge.send(out, Challenge.hmac(Challenge.newToken(), message));
        }, "#CHALLENGE# + " + Challenge.MESSAGE_LENGTH + " random bytes");
    }

    private interface Move {
        void make(DataInputStream in, DataOutputStream out) throws IOException;
    }

    private static Knock knock(int port, Move move, String... heardDuringMove) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port);
             var in = new DataInputStream(socket.getInputStream());
             var out = new DataOutputStream(socket.getOutputStream())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            var heard = new ArrayList<>(List.of(heardDuringMove));
            move.make(in, out);
            return new Knock(heard, readUntilClosed(in, heard));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the object server on 127.0.0.1:" + port, e);
        }
    }

    /** Reads framed messages into {@code heard} until the server hangs up (true) or goes quiet (false). */
    private static boolean readUntilClosed(DataInputStream in, List<String> heard) throws IOException {
        try {
            while (true) {
                int length = in.readInt();
                if (length < 0 || length > 256) {
                    heard.add(length + " bytes of data");
                    return false;
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                heard.add(describe(bytes));
            }
        } catch (EOFException closed) {
            return true;
        } catch (SocketTimeoutException quiet) {
            return false;
        } catch (IOException reset) {
            return true; // the server closed with our bytes unread: a reset
        }
    }

    private static String describe(byte[] bytes) {
        int prefix = Challenge.CHALLENGE.length;
        if (bytes.length > prefix && Arrays.equals(bytes, 0, prefix, Challenge.CHALLENGE, 0, prefix)) {
            return "#CHALLENGE# + " + (bytes.length - prefix) + " random bytes";
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
