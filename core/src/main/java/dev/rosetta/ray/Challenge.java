package dev.rosetta.ray;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token check every connection to an object server passes first: Python's
 * {@code multiprocessing.connection.deliver_challenge} and {@code answer_challenge}, with
 * HMAC-SHA256 (Python 3.12 moved from MD5 to SHA-256).
 *
 * <pre>
 *   server                                client
 *   "#CHALLENGE#" + 20 random bytes  ---&gt;
 *                                     &lt;---  HMAC(token, those bytes)
 *   "#WELCOME#" or "#FAILURE#"       ---&gt;
 * </pre>
 *
 * Then the same the other way round, so that a client knows it talks to its own cluster's node
 * and not to whatever took the port after that node died. The token itself never crosses the
 * connection: only a proof that one holds it, over bytes the other side chose at random.
 * Messages are framed as Python's {@code Connection.send_bytes}: a 4-byte length, then the bytes;
 * during the challenge anything longer than 256 bytes is refused unread.
 *
 * <p>Thread-safety: stateless; each call uses only its own streams.
 */
final class Challenge {
    static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    static final int MESSAGE_LENGTH = 20;
    private static final int MAX_MESSAGE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Challenge() {
    }

    /** A fresh secret token: 32 random bytes, made once per cluster at {@code init}. */
    static byte[] newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return token;
    }

    /** Server and client: challenge the other side, then answer its challenge. */
    static void serverSide(DataInputStream in, DataOutputStream out, byte[] token) throws IOException {
        deliver(in, out, token);
        answer(in, out, token);
    }

    /** Client: answer the server's challenge, then challenge it. */
    static void clientSide(DataInputStream in, DataOutputStream out, byte[] token) throws IOException {
        answer(in, out, token);
        deliver(in, out, token);
    }

    /** {@code deliver_challenge}: sends random bytes, expects their HMAC under {@code token}. */
    static void deliver(DataInputStream in, DataOutputStream out, byte[] token) throws IOException {
        byte[] message = new byte[MESSAGE_LENGTH];
        RANDOM.nextBytes(message);
        send(out, concat(CHALLENGE, message));
        byte[] response;
        try {
            response = receive(in);
        } catch (AuthenticationError notAnAnswer) {
            send(out, FAILURE);
            throw notAnAnswer;
        }
        if (MessageDigest.isEqual(response, hmac(token, message))) {
            send(out, WELCOME);
            return;
        }
        send(out, FAILURE);
        throw new AuthenticationError("digest received was wrong: the other side does not hold this cluster's token");
    }

    /** {@code answer_challenge}: reads the challenge, sends its HMAC under {@code token}, expects a welcome. */
    static void answer(DataInputStream in, DataOutputStream out, byte[] token) throws IOException {
        byte[] message = receive(in);
        if (message.length < CHALLENGE.length || !Arrays.equals(message, 0, CHALLENGE.length, CHALLENGE, 0, CHALLENGE.length)) {
            throw new AuthenticationError("expected a #CHALLENGE# message, got " + message.length + " other bytes");
        }
        send(out, hmac(token, Arrays.copyOfRange(message, CHALLENGE.length, message.length)));
        if (!Arrays.equals(receive(in), WELCOME)) {
            throw new AuthenticationError("digest sent was rejected: this side does not hold the other side's token");
        }
    }

    static byte[] hmac(byte[] token, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static void send(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** One framed message of at most 256 bytes; a longer length is refused before anything is read. */
    static byte[] receive(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_MESSAGE) {
            throw new AuthenticationError("a message of " + length + " bytes during the challenge (at most "
                    + MAX_MESSAGE + "): not an answer to the challenge");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
