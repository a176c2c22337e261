package dev.rosetta.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * A lazy, partitioned data frame: dask's {@code dask.dataframe.DataFrame}. It is many
 * {@link Partition}s (pandas frames), and every operation returns a new frame that only records
 * what to do; {@link #compute} runs the task graph on a {@link Scheduler}.
 *
 * <pre>{@code
 * // Python:  df = dd.read_csv("trips-*.csv", blocksize="64MB")
 * //          df[df.passengers > 1].groupby("pickup_zone").fare.mean().compute()
 * Frame df = Dask.readCsv("trips-*.csv", 64 << 20);
 * Partition means = df.filter(col("passengers").gt(1)).groupBy("pickup_zone").mean("fare").compute();
 * }</pre>
 *
 * <p><b>Errors when the query is built.</b> A frame knows its schema before any data is read, so
 * an unknown column, a filter that is not boolean, or {@code "a" + 1} fails at the call that
 * writes it, naming the column and the columns there are.
 *
 * <p><b>Shared work is done once.</b> Task keys come from the structure of the query, so two
 * results that share a step — computed together with {@link Dask#compute} — run it once.
 * Per-partition steps are fused into one task per partition, and the CSV reader parses only the
 * columns the query uses.
 *
 * <p><b>Memory.</b> A query that ends in a reduction ({@link #groupBy}, {@link #count}) streams:
 * the scheduler holds the partitions in flight and the partial results, never the whole file.
 * {@code compute()} of a frame itself gathers every partition into one, as dask's does.
 * {@link #sortValues} moves every row, but through buckets spilled to disk past its shuffle's memory
 * limit, so it too runs on data larger than the heap.
 *
 * <p>Thread-safety: immutable.
 */
public final class Frame extends Lazy<Partition> {
    Frame(Plan plan) {
        super(plan);
    }

    /** The columns and their types, known before anything runs (dask's {@code meta}/{@code dtypes}). */
    public Schema schema() {
        return plan.schema;
    }

    /** Number of partitions. */
    public int npartitions() {
        return plan.npartitions;
    }

    /** Only these columns, in this order ({@code df[["a", "b"]]}). */
    public Frame select(String... columns) {
        plan.schema.select(List.of(columns)); // fails now on an unknown column
        return new Frame(new Plan.Select(plan, List.of(columns)));
    }

    /** The rows where {@code predicate} is true ({@code df[df.passengers > 1]}); it must be boolean. */
    public Frame filter(Expr predicate) {
        DType t = predicate.dtype(plan.schema);
        if (t != DType.BOOLEAN) {
            throw new IllegalArgumentException("TypeError: filter needs a boolean expression, but " + predicate + " is "
                    + t + "; compare it with something, e.g. " + predicate + " > 0");
        }
        return new Frame(new Plan.Filter(plan, predicate));
    }

    /** This frame with column {@code name} set to {@code expr} ({@code df.assign(name=expr)}). */
    public Frame withColumn(String name, Expr expr) {
        return new Frame(new Plan.WithColumn(plan, name, expr, expr.dtype(plan.schema)));
    }

    /**
     * {@code fn} applied to each partition ({@code df.map_partitions(fn)}). Like dask, this calls
     * {@code fn} once now, on an empty partition, to learn the columns it returns; pass them with
     * {@link #mapPartitions(PartitionFunction, Schema)} to skip that.
     */
    public Frame mapPartitions(PartitionFunction fn) {
        try {
            return mapPartitions(fn, fn.apply(Partition.empty(plan.schema)).schema());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("map_partitions: fn failed on an empty partition (to learn its columns);"
                    + " give them as meta: mapPartitions(fn, schema)", e);
        }
    }

    /** {@code fn} applied to each partition; it returns partitions of {@code meta}. */
    public Frame mapPartitions(PartitionFunction fn, Schema meta) {
        return new Frame(new Plan.MapPartitions(plan, fn, meta));
    }

    /**
     * The rows sorted by {@code column}, smallest first, missing values last
     * ({@code df.sort_values(column)}), through a shuffle that keeps an eighth of the heap of buckets
     * in memory and spills the rest ({@link Shuffle#auto()}).
     */
    public Frame sortValues(String column) {
        return sortValues(column, true);
    }

    /** {@code df.sort_values(column, ascending=...)}, missing values last. */
    public Frame sortValues(String column, boolean ascending) {
        return sortValues(column, ascending, NaPosition.LAST, Shuffle.auto());
    }

    /**
     * {@code df.sort_values(column, ascending=..., na_position=...)}: a lazy range shuffle. The
     * result has as many partitions as this frame; partition {@code j} holds values no greater than
     * partition {@code j + 1}'s (ascending), each partition is sorted, and rows with equal values keep
     * their order. Computing it reads this frame twice — once, only {@code column}, to choose the
     * partitions' boundaries from samples (dask's divisions), then whole to move each row to its
     * partition — and spills the moved rows to disk past {@code shuffle}'s memory limit, so a frame
     * larger than the heap sorts. One value filling most rows fills one partition: its size is
     * bounded by that value's rows, not by the partition count.
     *
     * @throws IllegalArgumentException (pandas' {@code KeyError}) now, when there is no such column
     */
    public Frame sortValues(String column, boolean ascending, NaPosition naPosition, Shuffle shuffle) {
        plan.schema.indexOf(column); // fails now, naming the columns there are
        return new Frame(new Plan.SortValues(plan, new SortKey(column, ascending, naPosition), shuffle));
    }

    /** {@code df.groupby(keys)}: then {@link GroupBy#agg} or a shortcut ({@code mean("fare")}). */
    public GroupBy groupBy(String... keys) {
        return new GroupBy(this, List.of(keys));
    }

    /** The number of rows ({@code len(df)}), lazily: a tree reduction of per-partition counts. */
    public Scalar<Long> count() {
        return new Scalar<>(new Plan.Count(plan));
    }

    /**
     * The first {@code n} rows ({@code df.head(n)}), computed now on the synchronous scheduler: the
     * first partition, and the next ones only while there are fewer than {@code n} rows.
     */
    public Partition head(int n) {
        try (var scheduler = LocalScheduler.synchronous()) {
            return head(n, scheduler);
        }
    }

    /** The first {@code n} rows, computed now on {@code scheduler}. */
    public Partition head(int n, Scheduler scheduler) {
        var parts = new ArrayList<Partition>();
        int rows = 0;
        for (int i = 0; i < plan.npartitions && rows < n; i++) {
            var key = plan.key(i);
            var graph = Plan.build(List.of(plan), List.of(columns()), List.of(key));
            Partition p = conform((Partition) graph.run(scheduler, List.of(key), Scheduler.Callback.NONE).getFirst());
            parts.add(p);
            rows += p.rows();
        }
        return parts.isEmpty() ? Partition.empty(schema()) : Partition.concat(schema(), parts).head(n);
    }

    /**
     * Computes every partition now and returns a frame over them in memory ({@code df.persist()}):
     * later queries on it start from these partitions instead of the files.
     */
    public Frame persist(Scheduler scheduler) {
        var values = graph().run(scheduler, keys(), Scheduler.Callback.NONE);
        var partitions = values.stream().map(v -> conform((Partition) v)).toList();
        return new Frame(new Plan.InMemory("persist", partitions, schema(), plan.name));
    }

    @Override
    List<String> keys() {
        var keys = new ArrayList<String>();
        for (int i = 0; i < plan.npartitions; i++) {
            keys.add(plan.key(i));
        }
        return keys;
    }

    @Override
    Set<String> columns() {
        return new LinkedHashSet<>(plan.schema.names());
    }

    @Override
    Partition finish(List<Object> values) {
        var parts = values.stream().map(v -> conform((Partition) v)).toList();
        return parts.isEmpty() ? Partition.empty(schema()) : Partition.concat(schema(), parts);
    }

    /** Exactly this frame's columns (a step may pass on a column it read for a predicate). */
    private Partition conform(Partition p) {
        return p.schema().equals(schema()) ? p : p.select(schema().names());
    }

    @Override
    public String toString() {
        return "Frame " + plan.name + ", " + plan.npartitions + " partitions, " + plan.schema;
    }
}
