package dev.rosetta.dask;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a lazy query, before it becomes tasks: dask's graph layer (and, for choosing
 * which columns to read, dask-expr's expression). A plan knows its output's schema and number of
 * partitions at once, so errors surface while the query is built; {@link #build} turns the plans
 * behind some results into one {@link TaskGraph}.
 *
 * <p><b>Names are structure.</b> A plan's name is its operation and a token of its arguments and
 * its inputs' names ({@code filter-3f2a9c01}); task keys are {@code ('name', i)}. Two equal
 * queries have equal keys, so a shared subexpression is one set of tasks, computed once.
 *
 * <p><b>Reading only what is used.</b> {@link #build} first works out, from the results back to the
 * files, which columns each plan must produce, and the CSV reader parses only those.
 *
 * <p>Thread-safety: immutable.
 */
abstract class Plan {
    /** dask's default for tree reductions: combine at most 8 partial results per task. */
    static final int SPLIT_EVERY = 8;

    final String name;
    final String op;
    final List<Plan> inputs;
    final Schema schema;
    final int npartitions;

    Plan(String op, List<Plan> inputs, Schema schema, int npartitions, Object... arguments) {
        this.op = op;
        this.inputs = List.copyOf(inputs);
        this.schema = schema;
        this.npartitions = npartitions;
        this.name = op + "-" + tokenize(op, Arrays.toString(arguments), inputs.stream().map(p -> p.name).toList());
    }

    /** dask's {@code tokenize}: a short hash of the parts' string forms. */
    static String tokenize(Object... parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(Arrays.deepToString(parts)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of partition {@code i}: {@code ('filter-3f2a9c01', 4)}. */
    String key(int i) {
        return "('" + name + "', " + i + ")";
    }

    /** The columns this plan needs from input {@code input} to produce {@code needed}. */
    abstract Set<String> needs(int input, Set<String> needed);

    /**
     * Adds this plan's tasks, producing at least the {@code needed} columns, to {@code out}; a plan
     * that spills adds its spill directory to {@code scratch}.
     */
    abstract void emit(Set<String> needed, List<Task> out, List<String> scratch);

    /**
     * The optimised graph of some results: every plan behind them, once; the columns each must
     * produce; their tasks; then culled to {@code keys} and fused.
     *
     * @param roots   the plans of the results
     * @param columns for each root, the columns wanted of it
     * @param keys    the keys wanted
     */
    static TaskGraph build(List<Plan> roots, List<Set<String>> columns, List<String> keys) {
        var scratch = new ArrayList<String>();
        var tasks = tasks(roots, columns, scratch);
        return new TaskGraph(tasks, scratch).cull(keys).fuse(keys);
    }

    /** The tasks of every plan behind {@code roots}, unoptimised; spill directories go to {@code scratch}. */
    static List<Task> tasks(List<Plan> roots, List<Set<String>> columns, List<String> scratch) {
        var plans = new LinkedHashMap<String, Plan>(); // inputs before their users
        for (Plan root : roots) {
            collect(root, plans);
        }
        var needed = new LinkedHashMap<String, Set<String>>();
        for (int i = 0; i < roots.size(); i++) {
            needed.computeIfAbsent(roots.get(i).name, k -> new LinkedHashSet<>()).addAll(columns.get(i));
        }
        var order = new ArrayList<>(plans.values());
        for (Plan p : order.reversed()) {
            Set<String> mine = needed.getOrDefault(p.name, Set.of());
            for (int j = 0; j < p.inputs.size(); j++) {
                needed.computeIfAbsent(p.inputs.get(j).name, k -> new LinkedHashSet<>()).addAll(p.needs(j, mine));
            }
        }
        var tasks = new ArrayList<Task>();
        for (Plan p : order) {
            p.emit(needed.getOrDefault(p.name, Set.of()), tasks, scratch);
        }
        return tasks;
    }

    private static void collect(Plan p, Map<String, Plan> into) {
        if (into.containsKey(p.name)) {
            return;
        }
        for (Plan in : p.inputs) {
            collect(in, into);
        }
        into.put(p.name, p);
    }

    /**
     * A tree reduction ({@code dask.array.reductions}' {@code split_every}): {@code chunk} on each
     * input partition, {@code combine} on groups of at most {@link #SPLIT_EVERY} partial results
     * level by level, and {@code aggregate} on the last ≤ 8, as the task {@code key(0)}.
     */
    void treeReduce(Plan input, Task.Function chunk, Task.Function combine, Task.Function aggregate, List<Task> out) {
        var level = new ArrayList<String>();
        for (int i = 0; i < input.npartitions; i++) {
            String k = "('" + name + "-chunk', " + i + ")";
            out.add(new Task(k, List.of(input.key(i)), chunk, op + "-chunk"));
            level.add(k);
        }
        for (int depth = 1; level.size() > SPLIT_EVERY; depth++) {
            var next = new ArrayList<String>();
            for (int j = 0; j * SPLIT_EVERY < level.size(); j++) {
                String k = "('" + name + "-combine-" + depth + "', " + j + ")";
                out.add(new Task(k, level.subList(j * SPLIT_EVERY, Math.min(level.size(), (j + 1) * SPLIT_EVERY)),
                        combine, op + "-combine"));
                next.add(k);
            }
            level = next;
        }
        out.add(new Task(key(0), level, aggregate, op + "-agg"));
    }

    // ---- the plans ------------------------------------------------------------------------------

    /** {@code dd.read_csv}: one task per block. */
    static final class ReadCsv extends Plan {
        private final List<Csv.Block> blocks;
        private final boolean given;

        ReadCsv(String path, List<Csv.Block> blocks, Schema schema, boolean given, List<String> fileStamps) {
            super("read-csv", List.of(), schema, blocks.size(), path, blocks.size(), schema, fileStamps);
            this.blocks = List.copyOf(blocks);
            this.given = given;
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            throw new AssertionError("read-csv has no inputs");
        }

        @Override
        void emit(Set<String> needed, List<Task> out, List<String> scratch) {
            var columns = schema.names().stream().filter(needed::contains).toList();
            for (int i = 0; i < blocks.size(); i++) {
                Csv.Block block = blocks.get(i);
                Schema fileSchema = schema;
                boolean typesGiven = given;
                out.add(new Task(key(i), List.of(), in -> Csv.read(block, fileSchema, columns, typesGiven), op));
            }
        }
    }

    /** Partitions already in memory ({@code dd.from_pandas}, or a {@code persist}ed frame). */
    static final class InMemory extends Plan {
        private final List<Partition> partitions;

        InMemory(String op, List<Partition> partitions, Schema schema, Object identity) {
            super(op, List.of(), schema, partitions.size(), identity);
            this.partitions = List.copyOf(partitions);
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            throw new AssertionError(op + " has no inputs");
        }

        @Override
        void emit(Set<String> needed, List<Task> out, List<String> scratch) {
            for (int i = 0; i < partitions.size(); i++) {
                Partition p = partitions.get(i);
                out.add(new Task(key(i), List.of(), in -> p, op));
            }
        }
    }

    /** A step applied to each partition on its own: select, filter, withColumn, mapPartitions. */
    abstract static class EachPartition extends Plan {
        EachPartition(String op, Plan input, Schema schema, Object... arguments) {
            super(op, List.of(input), schema, input.npartitions, arguments);
        }

        /** What to do to one partition, given the columns wanted of it. */
        abstract PartitionFunction step(Set<String> needed);

        @Override
        void emit(Set<String> needed, List<Task> out, List<String> scratch) {
            PartitionFunction step = step(needed);
            for (int i = 0; i < npartitions; i++) {
                out.add(new Task(key(i), List.of(inputs.getFirst().key(i)), in -> step.apply((Partition) in.getFirst()), op));
            }
        }
    }

    /** {@code df[[columns]]}. */
    static final class Select extends EachPartition {
        private final List<String> columns;

        Select(Plan input, List<String> columns) {
            super("select", input, input.schema.select(columns), columns);
            this.columns = List.copyOf(columns);
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            return new LinkedHashSet<>(columns.stream().filter(needed::contains).toList());
        }

        @Override
        PartitionFunction step(Set<String> needed) {
            var keep = columns.stream().filter(needed::contains).toList();
            return p -> p.select(keep);
        }
    }

    /** {@code df[predicate]}: the rows where it is true (null counts as false). */
    static final class Filter extends EachPartition {
        private final Expr predicate;

        Filter(Plan input, Expr predicate) {
            super("filter", input, input.schema, predicate.toString());
            this.predicate = predicate;
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            var s = new LinkedHashSet<>(needed);
            s.addAll(predicate.columns());
            return s;
        }

        @Override
        PartitionFunction step(Set<String> needed) {
            Expr where = predicate;
            return p -> {
                var mask = (Column.Booleans) where.eval(p);
                boolean[] values = mask.values();
                var nulls = mask.nulls();
                int[] kept = new int[p.rows()];
                int count = 0;
                for (int i = 0; i < values.length; i++) {
                    if (values[i] && !nulls.get(i)) {
                        kept[count++] = i;
                    }
                }
                return count == p.rows() ? p : p.take(Arrays.copyOf(kept, count));
            };
        }
    }

    /** {@code df.assign(name=expr)}. */
    static final class WithColumn extends EachPartition {
        private final String column;
        private final Expr expr;

        WithColumn(Plan input, String column, Expr expr, DType dtype) {
            super("assign", input, input.schema.with(column, dtype), column, expr.toString());
            this.column = column;
            this.expr = expr;
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            var s = new LinkedHashSet<>(needed);
            s.remove(column);
            if (needed.contains(column)) {
                s.addAll(expr.columns());
            }
            return s;
        }

        @Override
        PartitionFunction step(Set<String> needed) {
            if (!needed.contains(column)) {
                return p -> p;
            }
            String name = column;
            Expr e = expr;
            return p -> p.withColumn(name, e.eval(p));
        }
    }

    /** {@code df.map_partitions(fn)}: any function of a partition; it sees every column. */
    static final class MapPartitions extends EachPartition {
        private final PartitionFunction fn;

        MapPartitions(Plan input, PartitionFunction fn, Schema meta) {
            super("map-partitions", input, meta, fn.getClass().getName() + "@" + System.identityHashCode(fn));
            this.fn = fn;
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            return new LinkedHashSet<>(inputs.getFirst().schema.names());
        }

        @Override
        PartitionFunction step(Set<String> needed) {
            PartitionFunction f = fn;
            Schema meta = schema;
            return p -> {
                Partition out = f.apply(p);
                if (!out.schema().equals(meta)) {
                    throw new IllegalStateException("map_partitions: the function returned columns " + out.schema()
                            + " but its meta says " + meta + "; give the right meta to mapPartitions(fn, meta)");
                }
                return out;
            };
        }
    }

    /** {@code df.groupby(keys).agg(...)}: a tree reduction into one partition. */
    static final class GroupByAgg extends Plan {
        private final List<String> keys;
        private final List<Agg> aggs;

        GroupByAgg(Plan input, List<String> keys, List<Agg> aggs, Schema schema) {
            super("groupby", List.of(input), schema, 1, keys, aggs);
            this.keys = List.copyOf(keys);
            this.aggs = List.copyOf(aggs);
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            var s = new LinkedHashSet<>(keys);
            aggs.forEach(a -> s.add(a.column()));
            return s;
        }

        @Override
        void emit(Set<String> needed, List<Task> out, List<String> scratch) {
            List<String> by = keys;
            List<Agg> how = aggs;
            Schema result = schema;
            Schema input = inputs.getFirst().schema;
            treeReduce(inputs.getFirst(), in -> GroupState.of((Partition) in.getFirst(), by, how), GroupState::merge,
                    in -> GroupState.merge(in).toPartition(result, input), out);
        }
    }

    /** {@code len(df)}: a tree reduction of row counts. */
    static final class Count extends Plan {
        Count(Plan input) {
            super("len", List.of(input), new Schema(List.of(), List.of()), 1);
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            return Set.of();
        }

        @Override
        void emit(Set<String> needed, List<Task> out, List<String> scratch) {
            Task.Function sum = in -> in.stream().mapToLong(v -> (Long) v).sum();
            treeReduce(inputs.getFirst(), in -> (long) ((Partition) in.getFirst()).rows(), sum, sum, out);
        }
    }

    /**
     * {@code df.sort_values(column)}: dask's range shuffle, in four stages. (1) Each input partition is
     * read with only the sort column and {@link SortKey#sample sampled}; (2) the samples give the
     * {@link SortKey#divisions divisions}; (3) once they are known, each input partition is read
     * again, whole, and {@link Shuffle#split split} into buckets, one per output partition, spilled
     * past the shuffle's memory limit; (4) each output partition {@link Shuffle#gather gathers} its
     * buckets and is sorted. The input is read twice, as dask's {@code sort_values} does (once to
     * compute divisions): holding it between the two stages would hold all of it.
     *
     * <p>The two readings are copies of the input's tasks under this plan's name
     * ({@code ('sort_values-…-sample', ('read-csv-…', 0))}); the second one's first tasks wait for
     * the divisions, so no partition is read before it can be split and let go.
     */
    static final class SortValues extends Plan {
        private final SortKey key;
        private final Shuffle shuffle;

        SortValues(Plan input, SortKey key, Shuffle shuffle) {
            super("sort_values", List.of(input), input.schema, input.npartitions, key, shuffle);
            this.key = key;
            this.shuffle = shuffle;
        }

        @Override
        Set<String> needs(int input, Set<String> needed) {
            var s = new LinkedHashSet<>(needed);
            s.add(key.column());
            return s;
        }

        @Override
        void emit(Set<String> needed, List<Task> out, List<String> scratch) {
            Plan input = inputs.getFirst();
            int n = npartitions;
            SortKey by = key;
            String samplePass = name + "-sample";
            copy(tasks(List.of(input), List.of(Set.of(key.column())), scratch), samplePass, null, out);
            var samples = new ArrayList<String>();
            for (int i = 0; i < n; i++) {
                String k = "('" + name + "-sample', " + i + ")";
                out.add(new Task(k, List.of(renamed(samplePass, input.key(i))), in -> by.sample((Partition) in.getFirst()),
                        "sort-sample"));
                samples.add(k);
            }
            String divisions = "('" + name + "-divisions', 0)";
            out.add(new Task(divisions, samples, in -> SortKey.divisions(in, n), "sort-divisions"));

            var columns = needs(0, needed);
            String readPass = name + "-read";
            copy(tasks(List.of(input), List.of(columns), scratch), readPass, divisions, out);
            String dir = shuffle.spillDirectory(name);
            scratch.add(dir);
            long budget = shuffle.memoryLimit() / n;
            var splits = new ArrayList<String>();
            for (int i = 0; i < n; i++) {
                String k = "('" + name + "-split', " + i + ")";
                int from = i;
                out.add(new Task(k, List.of(renamed(readPass, input.key(i)), divisions), in -> {
                    var p = (Partition) in.get(0);
                    @SuppressWarnings("unchecked")
                    var bounds = (List<Object>) in.get(1);
                    return Shuffle.split(p, by.buckets(p, bounds, n), n, budget, dir, from);
                }, "shuffle-split"));
                splits.add(k);
            }
            Schema whenEmpty = input.schema.select(input.schema.names().stream().filter(columns::contains).toList());
            for (int j = 0; j < n; j++) {
                int to = j;
                out.add(new Task(key(j), splits, in -> {
                    Partition p = Shuffle.gather(in, to, whenEmpty);
                    return p.take(by.permutation(p));
                }, "shuffle-sort"));
            }
        }

        /** {@code tasks} under new keys ({@code (pass, key)}); with a {@code gate}, their first tasks wait for it. */
        private static void copy(List<Task> tasks, String pass, String gate, List<Task> out) {
            for (Task t : tasks) {
                var deps = t.dependencies().stream().map(d -> renamed(pass, d)).toList();
                Task.Function f = t.function();
                if (gate != null && deps.isEmpty()) {
                    out.add(new Task(renamed(pass, t.key()), List.of(gate), in -> f.call(List.of()), t.label()));
                } else {
                    out.add(new Task(renamed(pass, t.key()), deps, f, t.label()));
                }
            }
        }

        private static String renamed(String pass, String key) {
            return "('" + pass + "', " + key + ")";
        }
    }
}
