package dev.rosetta.exercises.joblib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Classic mistake: the code's version taken from the {@code Class} object ({@code hashCode()}),
 * not from its bytes. BROKEN: a new version is told apart, but so is the same class in the next
 * run (another Class object, another hash code): a cache on disk that is never found again.
 */
public class CacheKey {

    public static String of(Class<?> owner, String method, Object argument) {
        MessageDigest key = sha256();
        key.update(sha256().digest((owner.getName() + "#" + method).getBytes(StandardCharsets.UTF_8)));
        key.update(sha256().digest(String.valueOf(owner.hashCode()).getBytes(StandardCharsets.UTF_8)));
        key.update(sha256().digest(serialise(argument)));
        return HexFormat.of().formatHex(key.digest());
    }

    private static byte[] classFile(Class<?> owner) {
        String resource = "/" + owner.getName().replace('.', '/') + ".class";
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("cannot read the class file of " + owner.getName() + " to fingerprint its code");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] serialise(Object argument) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(argument);
        } catch (IOException e) {
            throw new IllegalArgumentException("the argument " + argument + " (" + argument.getClass().getName()
                    + ") cannot be serialised, so it cannot be part of a cache key: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
