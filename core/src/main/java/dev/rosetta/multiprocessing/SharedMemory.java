package dev.rosetta.multiprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python's {@code multiprocessing.shared_memory.SharedMemory}: a block of memory that several
 * processes map at once, found by name. What one process writes, the others read, with no
 * pickling and no pipe — and with no safety either: two processes doing read-add-write on the
 * same number lose updates exactly like two threads do, unless they use an atomic operation
 * ({@link #getAndAddLong}) or a lock.
 *
 * <pre>{@code
 * try (var shm = SharedMemory.create("counter", 8)) {        // shm = SharedMemory(create=True, size=8)
 *     pool.map(n -> { try (var mine = SharedMemory.attach("counter")) {
 *                         mine.getAndAddLong(0, 1); } return n; }, items);
 *     shm.getLong(0);
 *     shm.unlink();                                           // shm.unlink(): the name is gone
 * }
 * }</pre>
 *
 * <p><b>Lifetime is explicit</b>, as in Python: {@link #close()} unmaps this process's view;
 * {@link #unlink()} removes the block's name so no one else can attach (the creator calls it
 * once). A block created and never unlinked is a leak that outlives the program; like Python's
 * resource tracker, a shutdown hook unlinks such blocks and says so on standard error.
 *
 * <p>It is a file in {@code /dev/shm} (memory, not disk) mapped with the Foreign Function &amp;
 * Memory API. Thread-safety: the methods may be called from any thread; the memory itself is
 * shared without any synchronisation beyond what {@link #getAndAddLong} gives.
 */
public final class SharedMemory implements AutoCloseable {
    private static final Path DIRECTORY = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    private static final String PREFIX = "rosetta-shm-";
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    /** Blocks this process created and has not unlinked: the resource tracker's list. */
    private static final Set<Path> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedMemory::unlinkLeaks, "shared-memory-tracker"));
    }

    private final String name;
    private final Path file;
    private final Arena arena;
    private final MemorySegment buffer;

    private SharedMemory(String name, Path file, long size) throws IOException {
        this.name = name;
        this.file = file;
        this.arena = Arena.ofShared();
        try (var channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            this.buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
        }
    }

    /**
     * Creates a block of {@code size} bytes, zeroed, named {@code name}.
     *
     * @throws IllegalStateException if a block of that name exists (Python: FileExistsError)
     */
    public static SharedMemory create(String name, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        Path file = path(name);
        try {
            try (var channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.truncate(size);
                channel.write(java.nio.ByteBuffer.allocate(1), size - 1);
            }
            CREATED.add(file);
            return new SharedMemory(name, file, size);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("a shared memory block named '" + name + "' already exists: attach to it,"
                    + " or unlink it first (" + file + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Maps the existing block named {@code name}, in this process.
     *
     * @throws IllegalStateException if there is none (Python: FileNotFoundError)
     */
    public static SharedMemory attach(String name) {
        Path file = path(name);
        try {
            return new SharedMemory(name, file, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no shared memory block named '" + name + "': create it first, or it was"
                    + " already unlinked", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a block of that name exists. */
    public static boolean exists(String name) {
        return Files.exists(path(name));
    }

    private static Path path(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("a shared memory name is 1 to 100 letters, digits, '_', '.' or '-',"
                    + " was '" + name + "'");
        }
        return DIRECTORY.resolve(PREFIX + name);
    }

    public String name() {
        return name;
    }

    public long size() {
        return buffer.byteSize();
    }

    /** The memory itself (Python's {@code shm.buf}); valid until {@link #close()}. */
    public MemorySegment buf() {
        return buffer;
    }

    /** The 8-byte number at {@code offset}, a plain read. */
    public long getLong(long offset) {
        return buffer.get(ValueLayout.JAVA_LONG, offset);
    }

    /** Writes the 8-byte number at {@code offset}, a plain write. */
    public void setLong(long offset, long value) {
        buffer.set(ValueLayout.JAVA_LONG, offset, value);
    }

    /**
     * Adds {@code delta} to the number at {@code offset} as one indivisible step, even between
     * processes (a locked add on the shared page); returns the previous value.
     */
    public long getAndAddLong(long offset, long delta) {
        return (long) LONG.getAndAdd(buffer, offset, delta);
    }

    /** Unmaps this process's view (Python's {@code shm.close()}); the block lives on. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** Removes the block's name: nobody can attach any more (Python's {@code shm.unlink()}). */
    public void unlink() {
        try {
            Files.deleteIfExists(file);
            CREATED.remove(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unlinkLeaks() {
        for (Path leaked : CREATED) {
            try {
                Files.deleteIfExists(leaked);
                System.err.println("shared memory: '" + leaked.getFileName() + "' was created and never unlinked;"
                        + " unlinked it at exit (call unlink() when you are done with a block)");
            } catch (IOException ignored) {
                // nothing more to do at exit
            }
        }
    }
}
