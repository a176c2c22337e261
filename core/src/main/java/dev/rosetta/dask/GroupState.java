package dev.rosetta.dask;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partial result of a group-by on some partitions: per group, per aggregation, a count and a
 * sum, a minimum and a maximum. It is what a tree reduction passes up: {@link #of} makes one from a
 * partition (dask's {@code chunk}), {@link #merge} combines several ({@code combine}), and
 * {@link #toPartition} finishes it ({@code aggregate}) — the mean as total sum ÷ total count, so
 * the answer does not depend on how the rows were partitioned.
 *
 * <p>Thread-safety: not thread-safe; a task owns the state it builds, and states are only read
 * after being handed on.
 */
final class GroupState implements Serializable {
    private final List<String> keys;
    private final List<Agg> aggs;
    private final HashMap<Object, Acc> groups = new HashMap<>();

    /** One group's accumulators, one slot per aggregation. */
    private static final class Acc implements Serializable {
        final long[] count;
        final long[] longSum;
        final double[] doubleSum;
        final Object[] min;
        final Object[] max;

        Acc(int n) {
            count = new long[n];
            longSum = new long[n];
            doubleSum = new double[n];
            min = new Object[n];
            max = new Object[n];
        }
    }

    private GroupState(List<String> keys, List<Agg> aggs) {
        this.keys = keys;
        this.aggs = aggs;
    }

    /** The groups of one partition (rows whose key is null are left out, as pandas' dropna=True does). */
    static GroupState of(Partition p, List<String> keys, List<Agg> aggs) {
        var state = new GroupState(keys, aggs);
        var keyColumns = keys.stream().map(p::column).toList();
        var columns = aggs.stream().map(a -> p.column(a.column())).toList();
        int n = aggs.size();
        var extremes = new boolean[n]; // min or max: only these box their values
        for (int a = 0; a < n; a++) {
            extremes[a] = aggs.get(a).how() == Agg.How.MIN || aggs.get(a).how() == Agg.How.MAX;
        }
        java.util.function.Function<Object, Acc> fresh = k -> new Acc(n);
        for (int i = 0; i < p.rows(); i++) {
            Object key = keyOf(keyColumns, i);
            if (key == null) {
                continue;
            }
            Acc acc = state.groups.computeIfAbsent(key, fresh);
            for (int a = 0; a < n; a++) {
                Column c = columns.get(a);
                if (c.isNull(i)) {
                    continue;
                }
                acc.count[a]++;
                switch (c) {
                    case Column.Longs l -> {
                        acc.longSum[a] += l.values()[i];
                        if (extremes[a]) {
                            track(acc, a, aggs.get(a).how(), l.values()[i]);
                        }
                    }
                    case Column.Doubles d -> {
                        acc.doubleSum[a] += d.values()[i];
                        if (extremes[a]) {
                            track(acc, a, aggs.get(a).how(), d.values()[i]);
                        }
                    }
                    default -> track(acc, a, aggs.get(a).how(), c.get(i));
                }
            }
        }
        return state;
    }

    private static Object keyOf(List<Column> keyColumns, int i) {
        if (keyColumns.size() == 1) {
            return keyColumns.getFirst().get(i);
        }
        var key = new ArrayList<>(keyColumns.size());
        for (Column c : keyColumns) {
            Object v = c.get(i);
            if (v == null) {
                return null;
            }
            key.add(v);
        }
        return key;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void track(Acc acc, int a, Agg.How how, Object v) {
        if (how == Agg.How.MIN && (acc.min[a] == null || ((Comparable) v).compareTo(acc.min[a]) < 0)) {
            acc.min[a] = v;
        } else if (how == Agg.How.MAX && (acc.max[a] == null || ((Comparable) v).compareTo(acc.max[a]) > 0)) {
            acc.max[a] = v;
        }
    }

    /** All of {@code states} in one (they are not changed). */
    static GroupState merge(List<Object> states) {
        var first = (GroupState) states.getFirst();
        var out = new GroupState(first.keys, first.aggs);
        int n = first.aggs.size();
        for (Object o : states) {
            for (Map.Entry<Object, Acc> e : ((GroupState) o).groups.entrySet()) {
                Acc into = out.groups.computeIfAbsent(e.getKey(), k -> new Acc(n));
                Acc from = e.getValue();
                for (int a = 0; a < n; a++) {
                    into.count[a] += from.count[a];
                    into.longSum[a] += from.longSum[a];
                    into.doubleSum[a] += from.doubleSum[a];
                    if (from.min[a] != null) {
                        track(into, a, Agg.How.MIN, from.min[a]);
                    }
                    if (from.max[a] != null) {
                        track(into, a, Agg.How.MAX, from.max[a]);
                    }
                }
            }
        }
        return out;
    }

    /** The final table: one row per group, sorted by key (pandas' sort=True). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Partition toPartition(Schema schema, Schema input) {
        var sorted = new ArrayList<>(groups.keySet());
        Comparator<Object> byKey = keys.size() == 1 ? (x, y) -> ((Comparable) x).compareTo(y) : (x, y) -> {
            var a = (List<Object>) x;
            var b = (List<Object>) y;
            for (int i = 0; i < a.size(); i++) {
                int c = ((Comparable) a.get(i)).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        sorted.sort(byKey);
        var rows = new ArrayList<List<Object>>();
        for (Object key : sorted) {
            var row = new ArrayList<Object>(keys.size() == 1 ? List.of(key) : (List<Object>) key);
            Acc acc = groups.get(key);
            for (int a = 0; a < aggs.size(); a++) {
                boolean isLong = input.dtype(aggs.get(a).column()) == DType.LONG;
                double sum = isLong ? acc.longSum[a] : acc.doubleSum[a];
                row.add(switch (aggs.get(a).how()) {
                    case SUM -> isLong ? (Object) acc.longSum[a] : (Object) acc.doubleSum[a];
                    case MEAN -> acc.count[a] == 0 ? null : sum / acc.count[a];
                    case COUNT -> acc.count[a];
                    case MIN -> acc.min[a];
                    case MAX -> acc.max[a];
                });
            }
            rows.add(row);
        }
        return Partition.ofRows(schema, rows);
    }
}
