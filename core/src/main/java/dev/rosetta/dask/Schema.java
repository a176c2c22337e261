package dev.rosetta.dask;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The columns of a frame, by name and type, in order: dask's {@code meta} (an empty pandas frame
 * standing for what each partition will hold) and {@code df.dtypes}. A frame knows its schema
 * before any data is read, which is how an unknown column or a type mismatch fails when the
 * query is built rather than when it runs.
 *
 * @param names  column names, distinct
 * @param dtypes their types, one per name
 */
public record Schema(List<String> names, List<DType> dtypes) implements Serializable {
    /** Checks the names are distinct and match the types one to one. */
    public Schema {
        names = List.copyOf(names);
        dtypes = List.copyOf(dtypes);
        if (names.size() != dtypes.size()) {
            throw new IllegalArgumentException(names.size() + " column names but " + dtypes.size() + " dtypes");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("column names must be distinct, were " + names);
        }
    }

    /** A schema from name, type pairs: {@code Schema.of("zone", DType.STRING, "fare", DType.DOUBLE)}. */
    public static Schema of(Object... nameTypePairs) {
        var names = new ArrayList<String>();
        var types = new ArrayList<DType>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            names.add((String) nameTypePairs[i]);
            types.add((DType) nameTypePairs[i + 1]);
        }
        return new Schema(names, types);
    }

    /** Number of columns. */
    public int size() {
        return names.size();
    }

    /** True when a column has this name. */
    public boolean has(String name) {
        return names.contains(name);
    }

    /**
     * The position of column {@code name}.
     *
     * @throws IllegalArgumentException (pandas' {@code KeyError}) naming the column and the columns that exist
     */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("KeyError: no column '" + name + "'; the columns are " + names);
        }
        return i;
    }

    /** The type of column {@code name}; fails as {@link #indexOf} does. */
    public DType dtype(String name) {
        return dtypes.get(indexOf(name));
    }

    /** Only these columns, in this order ({@code df[[...]]}); fails on an unknown name. */
    public Schema select(Collection<String> keep) {
        return new Schema(List.copyOf(keep), keep.stream().map(this::dtype).toList());
    }

    /** This schema with column {@code name} replaced (same place) or appended ({@code df.assign}). */
    public Schema with(String name, DType dtype) {
        var n = new ArrayList<>(names);
        var t = new ArrayList<>(dtypes);
        int i = n.indexOf(name);
        if (i >= 0) {
            t.set(i, dtype);
        } else {
            n.add(name);
            t.add(dtype);
        }
        return new Schema(n, t);
    }

    @Override
    public String toString() {
        return IntStream.range(0, size()).mapToObj(i -> names.get(i) + ": " + dtypes.get(i))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
