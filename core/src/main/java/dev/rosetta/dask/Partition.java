package dev.rosetta.dask;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One chunk of a {@link Frame}: what a pandas {@code DataFrame} is to one partition of a dask
 * frame. Columnar: one typed {@link Column} per schema column, all of {@link #rows()} rows.
 *
 * <p>Thread-safety: immutable; it pickles (every column is {@code Serializable}), so the process
 * scheduler can send it to a worker and back.
 *
 * @param schema  the columns' names and types
 * @param columns one per schema column, each with {@code rows} rows
 * @param rows    number of rows
 */
public record Partition(Schema schema, List<Column> columns, int rows) implements Serializable {
    /** Checks that the columns fit the schema. */
    public Partition {
        columns = List.copyOf(columns);
        if (columns.size() != schema.size()) {
            throw new IllegalArgumentException(columns.size() + " columns for schema " + schema);
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).size() != rows || columns.get(i).dtype() != schema.dtypes().get(i)) {
                throw new IllegalArgumentException("column '" + schema.names().get(i) + "' is "
                        + columns.get(i).dtype() + " of " + columns.get(i).size() + " rows; the partition needs "
                        + schema.dtypes().get(i) + " of " + rows);
            }
        }
    }

    /** A partition with no rows: dask's {@code meta}. */
    public static Partition empty(Schema schema) {
        return new Partition(schema, schema.dtypes().stream().map(t -> Column.Builder.of(t, 0).build()).toList(), 0);
    }

    /** A partition from rows of boxed values (for tests and small examples). */
    public static Partition ofRows(Schema schema, List<? extends List<?>> rows) {
        var builders = schema.dtypes().stream().map(t -> Column.Builder.of(t, rows.size())).toList();
        for (List<?> row : rows) {
            for (int c = 0; c < builders.size(); c++) {
                builders.get(c).appendObject(row.get(c));
            }
        }
        return new Partition(schema, builders.stream().map(Column.Builder::build).toList(), rows.size());
    }

    /** The partitions one after another ({@code pd.concat}); all of one schema. */
    public static Partition concat(Schema schema, Collection<Partition> parts) {
        if (parts.size() == 1) {
            return parts.iterator().next();
        }
        var columns = new ArrayList<Column>();
        for (int c = 0; c < schema.size(); c++) {
            int col = c;
            columns.add(Column.concat(schema.dtypes().get(c), parts.stream().map(p -> p.columns().get(col)).toList()));
        }
        return new Partition(schema, columns, parts.stream().mapToInt(Partition::rows).sum());
    }

    /** The column called {@code name}; an unknown name fails naming the columns there are. */
    public Column column(String name) {
        return columns.get(schema.indexOf(name));
    }

    /** Row {@code i}, boxed. */
    public List<Object> row(int i) {
        var row = new ArrayList<Object>(columns.size());
        for (Column c : columns) {
            row.add(c.get(i));
        }
        return row;
    }

    /** Every row, boxed: for comparing small results. */
    public List<List<Object>> toRows() {
        var out = new ArrayList<List<Object>>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(row(i));
        }
        return out;
    }

    /** Only these columns ({@code df[[...]]}). */
    public Partition select(Collection<String> names) {
        return new Partition(schema.select(names), names.stream().map(this::column).toList(), rows);
    }

    /** The rows whose bit is set ({@code df[mask]}). */
    public Partition filter(BitSet keep) {
        int[] kept = keep.stream().toArray();
        return kept.length == rows ? this : take(kept);
    }

    /** The rows at these positions, in this order ({@code df.take(rows)}). */
    public Partition take(int[] positions) {
        return new Partition(schema, columns.stream().map(c -> c.take(positions)).toList(), positions.length);
    }

    /** The first {@code n} rows ({@code df.head(n)}). */
    public Partition head(int n) {
        var keep = new BitSet();
        keep.set(0, Math.min(n, rows));
        return filter(keep);
    }

    /** This partition with column {@code name} replaced or appended ({@code df.assign(name=...)}). */
    public Partition withColumn(String name, Column column) {
        var cols = new ArrayList<>(columns);
        if (schema.has(name)) {
            cols.set(schema.indexOf(name), column);
        } else {
            cols.add(column);
        }
        return new Partition(schema.with(name, column.dtype()), cols, rows);
    }

    /** A small table, the way pandas prints a frame (at most 20 rows). */
    @Override
    public String toString() {
        var widths = new int[schema.size()];
        var cells = new ArrayList<List<String>>();
        cells.add(schema.names());
        for (int i = 0; i < Math.min(rows, 20); i++) {
            cells.add(row(i).stream().map(Partition::cell).toList());
        }
        for (List<String> line : cells) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        var sb = new StringBuilder();
        for (List<String> line : cells) {
            for (int c = 0; c < widths.length; c++) {
                sb.append(c == 0 ? "" : "  ").append(" ".repeat(widths[c] - line.get(c).length())).append(line.get(c));
            }
            sb.append('\n');
        }
        if (rows > 20) {
            sb.append("... ").append(rows).append(" rows\n");
        }
        return sb.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "NaN";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d).replaceAll("(\\.\\d*?[1-9])0+$", "$1").replaceAll("\\.0+$", ".0");
        }
        return v.toString();
    }
}
