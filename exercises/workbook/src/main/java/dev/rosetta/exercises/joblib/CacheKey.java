package dev.rosetta.exercises.joblib;

/**
 * Exercise {@code joblib/cache-key}: the key under which {@code Memory(location).cache(f)} files
 * a result.
 *
 * <pre>
 * memory = Memory("cache_dir")
 * @memory.cache
 * def square(x): return x * x
 * square(3)    # computed, stored under a key made of: which function, its code, the argument
 * square(3)    # same key: read back
 * # edit square's body and run again: its code changed, the old entries no longer match
 * </pre>
 *
 * <p>{@link #of} returns the key of the call {@code owner.method(argument)}: a SHA-256, as 64
 * lowercase hex digits (safe as a file name, whatever the argument), computed from three things:
 * <ul>
 *   <li>the function's <b>identity</b>: the owner class's name and the method's name;</li>
 *   <li>a fingerprint of its <b>code</b>: the bytes of the owner's class file (read with
 *       {@code owner.getResourceAsStream("/" + owner.getName().replace('.', '/') + ".class")}), so
 *       that a new version of the class gives new keys, and the same class loaded again (in a
 *       later run, another JVM) gives the same ones;</li>
 *   <li>the <b>argument's value</b>: its serialised bytes ({@code ObjectOutputStream}), so that
 *       equal arguments in different objects give the same key and different ones never
 *       collide; an argument that cannot be serialised is an {@link IllegalArgumentException}
 *       naming its class.</li>
 * </ul>
 *
 * <p>Tools: {@code MessageDigest.getInstance("SHA-256")}, {@code HexFormat.of().formatHex(...)}.
 * Chapter: docs/joblib.md. Hints: {@code ./rosetta learn hint joblib/cache-key}.
 */
public class CacheKey {

    /** The cache key of {@code owner.method(argument)}: 64 hex digits. */
    public static String of(Class<?> owner, String method, Object argument) {
        // TODO a SHA-256 of the identity, the class file's bytes and the argument's serialised bytes
        throw new UnsupportedOperationException("TODO: CacheKey.of is not written yet");
    }
}
