package dev.rosetta.dask;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How {@link Frame#sortValues} orders rows by one column, as pandas' {@code sort_values} does, and
 * the three pieces of dask's range shuffle that depend on that order: a {@link #sample} of each
 * partition's values, the {@link #divisions} chosen from the samples, and the {@link #buckets} each
 * row goes to.
 *
 * <p><b>Order.</b> Numbers by value, strings by {@link String#compareTo}, {@code false} before
 * {@code true}; missing values (null, or a double NaN, which pandas counts as missing) go first or
 * last as {@link NaPosition} says, in either direction. The sort is stable: rows with equal values
 * keep the order they had (pandas' {@code kind="stable"}), so the shuffle's result does not depend
 * on how the rows were partitioned.
 *
 * <p>Thread-safety: immutable.
 *
 * @param column    the column sorted by
 * @param ascending smallest first when true
 * @param na        where missing values go
 */
record SortKey(String column, boolean ascending, NaPosition na) implements Serializable {
    /** How many values each partition's sample holds (dask samples each partition's quantiles too). */
    static final int SAMPLE_SIZE = 128;

    /** Some values of one partition's column, evenly spaced through their order, each standing for {@code weight} rows. */
    record Sample(List<Object> values, double weight) implements Serializable {
    }

    /** True when row {@code i} has no value to order by: null, or a double NaN. */
    static boolean missing(Column c, int i) {
        return c.isNull(i) || (c instanceof Column.Doubles d && Double.isNaN(d.values()[i]));
    }

    /** Two rows of one column, both with values, compared ascending. */
    @FunctionalInterface
    interface RowOrder {
        int compare(int a, int b);
    }

    private static RowOrder ascendingOrder(Column c) {
        return switch (c) {
            case Column.Longs l -> {
                long[] v = l.values();
                yield (a, b) -> Long.compare(v[a], v[b]);
            }
            case Column.Doubles d -> {
                double[] v = d.values();
                yield (a, b) -> Double.compare(v[a], v[b]);
            }
            case Column.Strings s -> {
                String[] v = s.values();
                yield (a, b) -> v[a].compareTo(v[b]);
            }
            case Column.Booleans x -> {
                boolean[] v = x.values();
                yield (a, b) -> Boolean.compare(v[a], v[b]);
            }
        };
    }

    /** The positions of the rows of {@code c} that have a value, sorted ascending, stably. */
    private static int[] presentSorted(Column c) {
        int n = c.size();
        int[] present = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!missing(c, i)) {
                present[count++] = i;
            }
        }
        int[] rows = java.util.Arrays.copyOf(present, count);
        mergeSort(rows, ascendingOrder(c));
        return rows;
    }

    /** The row order that sorts {@code p} by this key: stable, missing values first or last. */
    int[] permutation(Partition p) {
        Column c = p.column(column);
        int n = p.rows();
        int[] present = presentSorted(c);
        if (!ascending) {
            reverseKeepingTies(present, ascendingOrder(c));
        }
        int[] out = new int[n];
        int at = na == NaPosition.FIRST ? n - present.length : 0;
        System.arraycopy(present, 0, out, at, present.length);
        int missingAt = na == NaPosition.FIRST ? 0 : present.length;
        for (int i = 0; i < n; i++) {
            if (missing(c, i)) {
                out[missingAt++] = i;
            }
        }
        return out;
    }

    /** Descending order from ascending, stably: the runs of equal values reversed as wholes, each kept in order. */
    private static void reverseKeepingTies(int[] rows, RowOrder order) {
        var runs = new ArrayList<int[]>();
        for (int s = 0; s < rows.length; ) {
            int e = s + 1;
            while (e < rows.length && order.compare(rows[s], rows[e]) == 0) {
                e++;
            }
            runs.add(java.util.Arrays.copyOfRange(rows, s, e));
            s = e;
        }
        int at = 0;
        for (int r = runs.size() - 1; r >= 0; r--) {
            System.arraycopy(runs.get(r), 0, rows, at, runs.get(r).length);
            at += runs.get(r).length;
        }
    }

    /** A stable merge sort of row positions (Java's sort of an {@code int[]} is not stable under a comparator). */
    static void mergeSort(int[] rows, RowOrder order) {
        int n = rows.length;
        int[] from = rows;
        int[] to = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    to[k] = j >= hi || (i < mid && order.compare(from[i], from[j]) <= 0) ? from[i++] : from[j++];
                }
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != rows) {
            System.arraycopy(from, 0, rows, 0, n);
        }
    }

    /**
     * Up to {@value #SAMPLE_SIZE} of the partition's values, evenly spaced through their ascending
     * order (its quantiles), each standing for an equal share of its rows with a value.
     */
    Sample sample(Partition p) {
        Column c = p.column(column);
        int[] present = presentSorted(c);
        int k = Math.min(present.length, SAMPLE_SIZE);
        var values = new ArrayList<Object>(k);
        for (int q = 0; q < k; q++) {
            values.add(c.get(present[(int) ((q + 0.5) * present.length / k)]));
        }
        return new Sample(values, k == 0 ? 0 : (double) present.length / k);
    }

    /**
     * dask's divisions, from every partition's {@link Sample}: {@code npartitions - 1} ascending
     * boundaries that cut the weighted values into shares of about equal weight. Output partition
     * {@code j} (ascending) holds the values {@code v} with {@code bounds[j-1] <= v < bounds[j]}; a
     * value that fills several shares repeats as a boundary, and the partitions between are empty.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Object> divisions(List<Object> samples, int npartitions) {
        record Weighted(Object value, double weight) {
        }
        var all = new ArrayList<Weighted>();
        double total = 0;
        for (Object o : samples) {
            var s = (Sample) o;
            for (Object v : s.values()) {
                all.add(new Weighted(v, s.weight()));
            }
            total += s.weight() * s.values().size();
        }
        all.sort(Comparator.comparing(w -> (Comparable) w.value()));
        var bounds = new ArrayList<Object>();
        double seen = 0;
        int at = 0;
        for (int j = 1; j < npartitions && !all.isEmpty(); j++) {
            double target = total * j / npartitions;
            while (at < all.size() - 1 && seen + all.get(at).weight() <= target) {
                seen += all.get(at++).weight();
            }
            bounds.add(all.get(at).value());
        }
        return bounds;
    }

    /** For each row of {@code p}, the output partition it goes to, given the {@link #divisions}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    int[] buckets(Partition p, List<Object> bounds, int npartitions) {
        Column c = p.column(column);
        int[] out = new int[p.rows()];
        for (int i = 0; i < out.length; i++) {
            if (missing(c, i)) {
                out[i] = na == NaPosition.FIRST ? 0 : npartitions - 1;
                continue;
            }
            var v = (Comparable) c.get(i);
            int lo = 0;
            int hi = bounds.size();
            while (lo < hi) { // how many bounds are <= v
                int mid = (lo + hi) >>> 1;
                if (v.compareTo(bounds.get(mid)) >= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[i] = ascending ? lo : npartitions - 1 - lo;
        }
        return out;
    }

    @Override
    public String toString() {
        return column + (ascending ? " ascending" : " descending") + ", nulls " + na.name().toLowerCase(java.util.Locale.ROOT);
    }
}
