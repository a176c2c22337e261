package dev.rosetta.joblib;

import dev.rosetta.multiprocessing.PicklableFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.invoke.SerializedLambda;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * joblib's {@code Memory(location).cache(f)}: a function whose results are kept on disk, so that
 * calling it again with the same argument — in this run, a later run, or another process —
 * reads the result instead of computing it.
 *
 * <pre>{@code
 * // Python: memory = Memory("cache_dir"); slow = memory.cache(slow); slow(3)
 * var memory = new Memory(Path.of("cache_dir"));
 * var cachedSlow = memory.cache(Work::slow);
 * cachedSlow.apply(3);   // computed, then written to cache_dir
 * cachedSlow.apply(3);   // read back
 * }</pre>
 *
 * <p><b>The key.</b> An entry is found by three things, as in joblib: the function's identity
 * (its class and method), a fingerprint of its code, and a hash of the argument's serialised
 * bytes. The fingerprint is a SHA-256 of the method's compiled instructions (read from its class
 * file with the JDK's class-file API), so changing what the function does — recompiling it with
 * other code — invalidates its old entries, which are deleted on the next call, as joblib does
 * when a function's source changes. A change to a comment or to another method is not a change.
 *
 * <p><b>Concurrent calls</b> (threads, or processes sharing the directory) are safe: a result is
 * written to a temporary file and renamed into place atomically, so a reader sees a whole entry
 * or none; two callers that miss at once both compute, and one result wins.
 *
 * <p>Thread-safety: {@link Cached} may be called from any thread and any process.
 */
public final class Memory {
    private final Path location;

    /** A cache in {@code location}/joblib (created when first written). */
    public Memory(Path location) {
        this.location = location.toAbsolutePath();
    }

    /** {@code memory.cache(function)}: the same function, its results kept on disk. */
    public <T, R> Cached<T, R> cache(PicklableFunction<T, R> function) {
        return new Cached<>(function, location.toString());
    }

    /** Deletes every entry of every function. */
    public void clear() {
        deleteTree(location.resolve("joblib"));
    }

    /**
     * A cached function. It is itself a {@link PicklableFunction}, so {@code delayed(cached, x)}
     * runs it in a worker, which reads and fills the same directory.
     */
    public static final class Cached<T, R> implements PicklableFunction<T, R> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final PicklableFunction<T, R> function;
        private final String location;
        private transient volatile String fingerprint;
        private transient AtomicLong hits = new AtomicLong();
        private transient AtomicLong misses = new AtomicLong();

        Cached(PicklableFunction<T, R> function, String location) {
            this.function = function;
            this.location = location;
        }

        /** The result for {@code argument}: read from the cache, or computed and stored. */
        @Override
        @SuppressWarnings("unchecked")
        public R apply(T argument) throws Exception {
            Path entry = functionDir().resolve(sha256(serialise(argument)) + ".ser");
            try {
                R result = (R) deserialise(Files.readAllBytes(entry));
                hits.incrementAndGet();
                return result;
            } catch (NoSuchFileException absent) {
                misses.incrementAndGet();
            }
            R result = function.apply(argument);
            writeAtomically(entry, serialise(result));
            return result;
        }

        /** How many calls in this process were answered from the cache. */
        public long hits() {
            return hits.get();
        }

        /** How many calls in this process computed their result. */
        public long misses() {
            return misses.get();
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            hits = new AtomicLong();
            misses = new AtomicLong();
        }

        /** The function's directory for its current code; entries of older code are deleted. */
        private Path functionDir() throws IOException {
            String code = fingerprint;
            if (code == null) {
                fingerprint = code = codeFingerprint(function);
            }
            Path dir = Path.of(location, "joblib", FunctionNames.of(function));
            Path current = dir.resolve(code);
            if (!Files.isDirectory(current)) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> older = Files.list(dir)) {
                        older.filter(p -> !p.equals(current)).forEach(Memory::deleteTree); // the code changed
                    }
                }
                Files.createDirectories(current);
            }
            return current;
        }

        @Override
        public String toString() {
            return "Memory.cache(" + FunctionNames.of(function) + ")";
        }
    }

    /**
     * A SHA-256 (hex, first 16 characters) of the compiled instructions of the method behind
     * {@code function}: its lambda body or referenced method, or its class's {@code apply}.
     */
    static String codeFingerprint(Serializable function) {
        SerializedLambda lambda = FunctionNames.serializedForm(function);
        String owner = lambda != null ? lambda.getImplClass().replace('/', '.') : function.getClass().getName();
        String method = lambda != null ? lambda.getImplMethodName() : "apply";
        String descriptor = lambda != null ? lambda.getImplMethodSignature() : null;
        try {
            Class<?> type = Class.forName(owner, false, function.getClass().getClassLoader());
            byte[] classFile;
            try (InputStream in = type.getResourceAsStream(owner.substring(owner.lastIndexOf('.') + 1) + ".class")) {
                if (in == null) {
                    throw new IllegalArgumentException("cannot read the class file of " + owner + " to fingerprint its code");
                }
                classFile = in.readAllBytes();
            }
            var text = new StringBuilder(owner).append('.').append(method);
            for (MethodModel m : ClassFile.of().parse(classFile).methods()) {
                if (m.methodName().equalsString(method) && (descriptor == null || m.methodType().equalsString(descriptor))) {
                    text.append(m.methodType().stringValue()).append('\n');
                    m.code().ifPresent(code -> code.elementStream()
                            .filter(e -> e instanceof Instruction)
                            .forEach(i -> text.append(i).append('\n')));
                }
            }
            return sha256(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        } catch (ClassNotFoundException | IOException e) {
            throw new IllegalArgumentException("cannot fingerprint the code of " + owner + ": " + e, e);
        }
    }

    static byte[] serialise(Object value) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Memory.cache needs serialisable arguments and results: " + value
                    + " (" + (value == null ? "null" : value.getClass().getName()) + ") is not: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws IOException, ClassNotFoundException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static void writeAtomically(Path entry, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(entry.getParent(), ".writing-", ".tmp");
        Files.write(temporary, bytes);
        try {
            Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
