package dev.rosetta.dask;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a shuffle moves rows between partitions: dask's shuffle methods. A shuffle cuts every
 * input partition into one bucket per output partition ({@code split}), and each output partition
 * gathers its bucket from every input ({@code gather}). No output can start before every input is
 * cut, so the buckets of the whole data set exist at once — in memory they would need as much heap
 * as the data. Buckets beyond {@link #memoryLimit} bytes are therefore written to files (spilled)
 * and read back by the task that gathers them, as dask's {@code shuffle="disk"} does with partd.
 *
 * <pre>{@code
 * // Python:  with dask.config.set({"dataframe.shuffle.method": "disk"}):
 * //              df.sort_values("fare")
 * frame.sortValues("fare", true, NaPosition.LAST, Shuffle.disk());
 * }</pre>
 *
 * <p><b>The knobs.</b> {@link #disk()} spills every bucket: the least memory, a write and a read of
 * the whole data set. {@link #tasks()} keeps every bucket in memory (dask's {@code "tasks"}): no
 * disk, but the data must fit in the heap of the process that runs the graph. {@link #memoryLimit(long)}
 * is between: each of the {@code n} split tasks keeps up to {@code limit / n} bytes of buckets and
 * spills the rest, so all kept buckets together stay under the limit. {@link #auto()}, the default,
 * allows an eighth of the heap.
 *
 * <p><b>Spill files</b> live in a directory of their own per computation, under {@link #directory}
 * (the system's temporary directory when null), which every worker must see: one machine, or a
 * shared disk. {@code compute} deletes the directory when the computation ends, whether or not it
 * failed.
 *
 * <p>Thread-safety: immutable; the spill counter is atomic.
 *
 * @param memoryLimit bytes of buckets the whole shuffle may keep in memory; the rest are spilled
 * @param directory   where the spill directories are made, or null for {@code java.io.tmpdir}
 */
public record Shuffle(long memoryLimit, String directory) implements Serializable {
    private static final AtomicLong FILES_WRITTEN = new AtomicLong();

    /** Checks the limit is not negative. */
    public Shuffle {
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("a shuffle's memory limit must be at least 0 bytes, was " + memoryLimit);
        }
    }

    /** Every bucket spilled to a file ({@code shuffle="disk"}). */
    public static Shuffle disk() {
        return new Shuffle(0, null);
    }

    /** Every bucket kept in memory ({@code shuffle="tasks"}): only for data that fits in the heap. */
    public static Shuffle tasks() {
        return new Shuffle(Long.MAX_VALUE, null);
    }

    /** Up to {@code bytes} of buckets in memory in all, the rest spilled. */
    public static Shuffle memoryLimit(long bytes) {
        return new Shuffle(bytes, null);
    }

    /** The default: an eighth of this JVM's maximum heap in memory, the rest spilled. */
    public static Shuffle auto() {
        return memoryLimit(Runtime.getRuntime().maxMemory() / 8);
    }

    /** This shuffle with its spill directories made under {@code dir}. */
    public Shuffle in(Path dir) {
        return new Shuffle(memoryLimit, dir.toAbsolutePath().toString());
    }

    /**
     * How many spill files the shuffles have written in this JVM so far (a split task running in a
     * worker process counts in that process): for seeing that a shuffle spilled.
     */
    public static long filesWritten() {
        return FILES_WRITTEN.get();
    }

    /** A fresh spill directory's path for one computation of {@code plan} (made when first written to). */
    String spillDirectory(String plan) {
        String parent = directory != null ? directory : System.getProperty("java.io.tmpdir");
        return Path.of(parent, "rosetta-shuffle-" + plan + "-" + UUID.randomUUID()).toString();
    }

    /**
     * What one split task hands on: for each output partition, its rows from this input partition,
     * kept in memory ({@code kept[j]}) or in a spill file ({@code files[j]}); both null when there
     * are none.
     */
    record Buckets(Partition[] kept, String[] files) implements Serializable {
    }

    /**
     * Cuts {@code p} into one bucket per output partition ({@code rowsTo[i]} is row {@code i}'s),
     * keeping buckets in memory while they fit in {@code budget} bytes and spilling the rest to
     * {@code dir}.
     */
    static Buckets split(Partition p, int[] rowsTo, int npartitions, long budget, String dir, int from) throws IOException {
        int[] counts = new int[npartitions];
        for (int j : rowsTo) {
            counts[j]++;
        }
        int[][] rows = new int[npartitions][];
        for (int j = 0; j < npartitions; j++) {
            rows[j] = new int[counts[j]];
            counts[j] = 0;
        }
        for (int i = 0; i < rowsTo.length; i++) {
            rows[rowsTo[i]][counts[rowsTo[i]]++] = i;
        }
        var kept = new Partition[npartitions];
        var files = new String[npartitions];
        long used = 0;
        for (int j = 0; j < npartitions; j++) {
            if (rows[j].length == 0) {
                continue;
            }
            Partition bucket = p.take(rows[j]);
            long bytes = estimatedBytes(bucket);
            if (used + bytes <= budget) {
                kept[j] = bucket;
                used += bytes;
            } else {
                files[j] = spill(bucket, Path.of(dir), "bucket-" + j + "-from-" + from + ".bin");
            }
        }
        return new Buckets(kept, files);
    }

    /**
     * Output partition {@code to}: its bucket from every split, read back where spilled. The files
     * stay until the computation ends, so a scheduler may run a gather again (after losing a worker).
     */
    static Partition gather(List<Object> splits, int to, Schema whenEmpty) throws IOException, ClassNotFoundException {
        var parts = new ArrayList<Partition>();
        for (Object o : splits) {
            var b = (Buckets) o;
            if (b.kept()[to] != null) {
                parts.add(b.kept()[to]);
            } else if (b.files()[to] != null) {
                parts.add(readBack(Path.of(b.files()[to])));
            }
        }
        return parts.isEmpty() ? Partition.empty(whenEmpty) : Partition.concat(parts.getFirst().schema(), parts);
    }

    private static String spill(Partition bucket, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (var out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeObject(bucket);
        }
        FILES_WRITTEN.incrementAndGet();
        return file.toString();
    }

    private static Partition readBack(Path file) throws IOException, ClassNotFoundException {
        try (var in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return (Partition) in.readObject();
        }
    }

    /** About how many bytes of heap {@code p} holds: 8 a number, 1 a boolean, a reference and the characters a string. */
    static long estimatedBytes(Partition p) {
        long bytes = 0;
        for (Column c : p.columns()) {
            bytes += switch (c) {
                case Column.Strings s -> {
                    long b = 8L * s.size();
                    for (String v : s.values()) {
                        b += v == null ? 0 : v.length();
                    }
                    yield b;
                }
                case Column.Booleans b -> b.size();
                default -> 8L * c.size();
            };
        }
        return bytes;
    }

    /** Deletes a spill directory and its files; a missing one is fine. */
    static void remove(String dir) {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(d);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the shuffle's spill directory " + d, e);
        }
    }
}
