package dev.rosetta.dask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where frames come from, and computing several results at once: {@code dask.dataframe.read_csv},
 * {@code from_pandas} and {@code dask.compute}.
 *
 * <p>Thread-safety: stateless.
 */
public final class Dask {
    /** dask's default block size: 64 MB. */
    public static final long DEFAULT_BLOCKSIZE = 64L << 20;

    private Dask() {
    }

    /** {@code dd.read_csv(path)} with 64 MB blocks and inferred types. */
    public static Frame readCsv(String pathOrGlob) {
        return readCsv(pathOrGlob, DEFAULT_BLOCKSIZE);
    }

    /** {@code dd.read_csv(path, blocksize=...)} with inferred types. */
    public static Frame readCsv(String pathOrGlob, long blocksize) {
        return readCsv(pathOrGlob, blocksize, Map.of());
    }

    /**
     * {@code dd.read_csv(path, blocksize=..., dtype={...})}: the files (a path, or a glob in the
     * file name like {@code trips-*.csv}), cut into blocks of about {@code blocksize} bytes at record
     * boundaries, one partition each. The types of the columns in {@code dtype} are given; the rest
     * are inferred from a sample of the first file. The files are scanned for record boundaries now
     * (no parsing); a value that does not fit its type fails when its block is read, naming its row.
     *
     * @throws IllegalArgumentException when no file matches, a file's header differs from the first's,
     *                                  or {@code dtype} names a column there is not
     */
    public static Frame readCsv(String pathOrGlob, long blocksize, Map<String, DType> dtype) {
        List<Path> files = Csv.expand(pathOrGlob);
        Csv.Header first = Csv.header(files.getFirst());
        Schema schema = Csv.infer(files.getFirst(), first, dtype);
        var blocks = new ArrayList<Csv.Block>();
        var stamps = new ArrayList<String>();
        for (Path f : files) {
            Csv.Header h = f.equals(files.getFirst()) ? first : Csv.header(f);
            if (!h.names().equals(first.names())) {
                throw new IllegalArgumentException("readCsv: " + f + " has the columns " + h.names() + " but "
                        + files.getFirst() + " has " + first.names() + "; every file of '" + pathOrGlob
                        + "' must have the same header");
            }
            blocks.addAll(Csv.split(f, h.dataStart(), blocksize));
            stamps.add(f + ":" + Csv.size(f) + ":" + modified(f));
        }
        return new Frame(new Plan.ReadCsv(pathOrGlob, blocks, schema, !dtype.isEmpty(), stamps));
    }

    private static String modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A frame over partitions already in memory ({@code dd.from_pandas}); all of one schema. */
    public static Frame fromPartitions(List<Partition> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("fromPartitions needs at least one partition");
        }
        Schema schema = partitions.getFirst().schema();
        for (Partition p : partitions) {
            if (!p.schema().equals(schema)) {
                throw new IllegalArgumentException("every partition must have the schema " + schema + "; one has " + p.schema());
            }
        }
        return new Frame(new Plan.InMemory("from-pandas", partitions, schema, new Object()));
    }

    /** Rows in memory cut into {@code npartitions} frames of about equal size ({@code dd.from_pandas(df, npartitions)}). */
    public static Frame fromRows(Schema schema, List<? extends List<?>> rows, int npartitions) {
        if (npartitions < 1) {
            throw new IllegalArgumentException("npartitions must be at least 1, was " + npartitions);
        }
        var parts = new ArrayList<Partition>();
        for (int i = 0; i < npartitions; i++) {
            int from = (int) ((long) rows.size() * i / npartitions);
            int to = (int) ((long) rows.size() * (i + 1) / npartitions);
            parts.add(Partition.ofRows(schema, rows.subList(from, to)));
        }
        return fromPartitions(parts);
    }

    /**
     * Several results computed together in one graph ({@code dask.compute(a, b)}): a step they share
     * runs once. The values are in the order of {@code results}.
     */
    public static List<Object> compute(Scheduler scheduler, Lazy<?>... results) {
        var plans = new ArrayList<Plan>();
        var columns = new ArrayList<Set<String>>();
        var keys = new LinkedHashSet<String>();
        for (Lazy<?> r : results) {
            plans.add(r.plan);
            columns.add(r.columns());
            keys.addAll(r.keys());
        }
        var wanted = List.copyOf(keys);
        var values = Plan.build(plans, columns, wanted).run(scheduler, wanted, Scheduler.Callback.NONE);
        var out = new ArrayList<Object>();
        for (Lazy<?> r : results) {
            var mine = r.keys().stream().map(k -> values.get(wanted.indexOf(k))).toList();
            out.add(finishOf(r, mine));
        }
        return out;
    }

    private static <T> T finishOf(Lazy<T> r, List<Object> values) {
        return r.finish(values);
    }
}
