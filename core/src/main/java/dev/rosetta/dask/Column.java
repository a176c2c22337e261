package dev.rosetta.dask;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One column of a {@link Partition}: a typed array and the rows that are null — a pandas
 * {@code Series} without its index. Columns are values: never changed once built.
 *
 * <p>Thread-safety: immutable (the arrays are never written after construction), so a column may
 * be read by any number of threads; it pickles, so a partition can travel to a worker process.
 */
public sealed interface Column extends Serializable {
    /** This column's type. */
    DType dtype();

    /** Number of rows. */
    int size();

    /** True when row {@code i} holds no value. */
    boolean isNull(int i);

    /** Row {@code i} boxed ({@code Long}, {@code Double}, {@code String}, {@code Boolean}), or null. */
    Object get(int i);

    /** The rows at these positions, in this order ({@code series.take(rows)}). */
    Column take(int[] rows);

    /** The column of {@code dtype} holding {@code values} (boxed, nulls allowed): for tests and small frames. */
    static Column of(DType dtype, List<?> values) {
        var b = Builder.of(dtype, values.size());
        for (Object v : values) {
            b.appendObject(v);
        }
        return b.build();
    }

    /** The columns one after another ({@code pd.concat}); all of one dtype. Arrays are copied whole, nothing boxed. */
    static Column concat(DType dtype, List<Column> parts) {
        int n = parts.stream().mapToInt(Column::size).sum();
        var nulls = new BitSet();
        Object values = switch (dtype) {
            case LONG -> new long[n];
            case DOUBLE -> new double[n];
            case STRING -> new String[n];
            case BOOLEAN -> new boolean[n];
        };
        int at = 0;
        for (Column c : parts) {
            Object from = switch (c) {
                case Longs l -> l.values();
                case Doubles d -> d.values();
                case Strings s -> s.values();
                case Booleans b -> b.values();
            };
            System.arraycopy(from, 0, values, at, c.size());
            if (!(c instanceof Strings)) {
                BitSet bits = nullsOf(c);
                for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                    nulls.set(at + i);
                }
            }
            at += c.size();
        }
        return switch (dtype) {
            case LONG -> new Longs((long[]) values, nulls);
            case DOUBLE -> new Doubles((double[]) values, nulls);
            case STRING -> new Strings((String[]) values);
            case BOOLEAN -> new Booleans((boolean[]) values, nulls);
        };
    }

    private static BitSet nullsOf(Column c) {
        return switch (c) {
            case Longs l -> l.nulls();
            case Doubles d -> d.nulls();
            case Booleans b -> b.nulls();
            case Strings s -> throw new AssertionError("a string column marks nulls in its values");
        };
    }

    /** The null bits of the rows {@code rows}, renumbered from 0. */
    private static BitSet nullsAt(BitSet nulls, int[] rows) {
        var out = new BitSet();
        if (!nulls.isEmpty()) {
            for (int j = 0; j < rows.length; j++) {
                out.set(j, nulls.get(rows[j]));
            }
        }
        return out;
    }

    /** {@code int64} values; a set bit in {@code nulls} marks a null row. */
    record Longs(long[] values, BitSet nulls) implements Column {
        public DType dtype() {
            return DType.LONG;
        }

        public int size() {
            return values.length;
        }

        public boolean isNull(int i) {
            return nulls.get(i);
        }

        public Object get(int i) {
            return nulls.get(i) ? null : values[i];
        }

        public Column take(int[] rows) {
            long[] out = new long[rows.length];
            for (int j = 0; j < rows.length; j++) {
                out[j] = values[rows[j]];
            }
            return new Longs(out, nullsAt(nulls, rows));
        }
    }

    /** {@code float64} values; a set bit in {@code nulls} marks a null row (pandas' NaN). */
    record Doubles(double[] values, BitSet nulls) implements Column {
        public DType dtype() {
            return DType.DOUBLE;
        }

        public int size() {
            return values.length;
        }

        public boolean isNull(int i) {
            return nulls.get(i);
        }

        public Object get(int i) {
            return nulls.get(i) ? null : values[i];
        }

        public Column take(int[] rows) {
            double[] out = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                out[j] = values[rows[j]];
            }
            return new Doubles(out, nullsAt(nulls, rows));
        }
    }

    /** Strings; a null element is a null row. */
    record Strings(String[] values) implements Column {
        public DType dtype() {
            return DType.STRING;
        }

        public int size() {
            return values.length;
        }

        public boolean isNull(int i) {
            return values[i] == null;
        }

        public Object get(int i) {
            return values[i];
        }

        public Column take(int[] rows) {
            String[] out = new String[rows.length];
            for (int j = 0; j < rows.length; j++) {
                out[j] = values[rows[j]];
            }
            return new Strings(out);
        }
    }

    /** Booleans; a set bit in {@code nulls} marks a null row. */
    record Booleans(boolean[] values, BitSet nulls) implements Column {
        public DType dtype() {
            return DType.BOOLEAN;
        }

        public int size() {
            return values.length;
        }

        public boolean isNull(int i) {
            return nulls.get(i);
        }

        public Object get(int i) {
            return nulls.get(i) ? null : values[i];
        }

        public Column take(int[] rows) {
            boolean[] out = new boolean[rows.length];
            for (int j = 0; j < rows.length; j++) {
                out[j] = values[rows[j]];
            }
            return new Booleans(out, nullsAt(nulls, rows));
        }
    }

    /**
     * Grows a column row by row (the CSV reader's and the operations' way to build one).
     * Not thread-safe: one builder per task.
     */
    final class Builder {
        private final DType dtype;
        private long[] longs;
        private double[] doubles;
        private String[] strings;
        private boolean[] booleans;
        private final BitSet nulls = new BitSet();
        private int size;

        private Builder(DType dtype, int capacity) {
            this.dtype = dtype;
            int c = Math.max(capacity, 16);
            switch (dtype) {
                case LONG -> longs = new long[c];
                case DOUBLE -> doubles = new double[c];
                case STRING -> strings = new String[c];
                case BOOLEAN -> booleans = new boolean[c];
            }
        }

        /** A builder for {@code dtype}, sized for about {@code capacity} rows. */
        public static Builder of(DType dtype, int capacity) {
            return new Builder(dtype, capacity);
        }

        public DType dtype() {
            return dtype;
        }

        public int size() {
            return size;
        }

        private int capacity() {
            return switch (dtype) {
                case LONG -> longs.length;
                case DOUBLE -> doubles.length;
                case STRING -> strings.length;
                case BOOLEAN -> booleans.length;
            };
        }

        private void grow() {
            int n = Math.max(16, capacity() * 2);
            switch (dtype) {
                case LONG -> longs = Arrays.copyOf(longs, n);
                case DOUBLE -> doubles = Arrays.copyOf(doubles, n);
                case STRING -> strings = Arrays.copyOf(strings, n);
                case BOOLEAN -> booleans = Arrays.copyOf(booleans, n);
            }
        }

        public void appendLong(long v) {
            if (size == longs.length) {
                grow();
            }
            longs[size++] = v;
        }

        public void appendDouble(double v) {
            if (size == doubles.length) {
                grow();
            }
            doubles[size++] = v;
        }

        public void appendString(String v) {
            if (size == strings.length) {
                grow();
            }
            strings[size++] = v;
        }

        public void appendBoolean(boolean v) {
            if (size == booleans.length) {
                grow();
            }
            booleans[size++] = v;
        }

        public void appendNull() {
            if (size == capacity()) {
                grow();
            }
            nulls.set(size++);
        }

        /** Appends a boxed value of this builder's type, or null; a Long goes into a double column too. */
        public void appendObject(Object v) {
            if (v == null) {
                appendNull();
                return;
            }
            switch (dtype) {
                case LONG -> appendLong(((Number) v).longValue());
                case DOUBLE -> appendDouble(((Number) v).doubleValue());
                case STRING -> appendString((String) v);
                case BOOLEAN -> appendBoolean((Boolean) v);
            }
        }

        /** The column of the rows appended so far; it takes over the builder's arrays, so call it once, last. */
        public Column build() {
            return switch (dtype) {
                case LONG -> new Longs(size == longs.length ? longs : Arrays.copyOf(longs, size), nulls);
                case DOUBLE -> new Doubles(size == doubles.length ? doubles : Arrays.copyOf(doubles, size), nulls);
                case STRING -> new Strings(size == strings.length ? strings : Arrays.copyOf(strings, size));
                case BOOLEAN -> new Booleans(size == booleans.length ? booleans : Arrays.copyOf(booleans, size), nulls);
            };
        }
    }
}
