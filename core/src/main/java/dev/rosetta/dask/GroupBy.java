package dev.rosetta.dask;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code df.groupby(keys)}, waiting for its aggregation. {@link #agg} runs as a tree reduction:
 * a partial result per partition, combined {@code splitEvery} (8) at a time, then finished — so no
 * task ever holds more than a few partial results, and a mean is total sum ÷ total count.
 *
 * <pre>{@code
 * // Python:  df.groupby("pickup_zone").fare.mean()
 * frame.groupBy("pickup_zone").mean("fare")            // one column: pickup_zone, fare_mean
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class GroupBy {
    private final Frame frame;
    private final List<String> keys;

    GroupBy(Frame frame, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("groupBy needs at least one key column; the columns are "
                    + frame.schema().names());
        }
        keys.forEach(frame.schema()::indexOf); // an unknown key fails now, naming the columns
        this.frame = frame;
        this.keys = List.copyOf(keys);
    }

    /** The groups' aggregates: the key columns, then one column per aggregation ({@code fare_mean}). */
    public Frame agg(Agg... aggs) {
        if (aggs.length == 0) {
            throw new IllegalArgumentException("agg needs at least one aggregation, e.g. Agg.mean(\"fare\")");
        }
        var names = new ArrayList<>(keys);
        var types = new ArrayList<DType>();
        keys.forEach(k -> types.add(frame.schema().dtype(k)));
        for (Agg a : aggs) {
            names.add(a.outputName());
            types.add(a.dtype(frame.schema()));
        }
        var schema = new Schema(names, types);
        return new Frame(new Plan.GroupByAgg(frame.plan, keys, List.of(aggs), schema));
    }

    public Frame sum(String column) {
        return agg(Agg.sum(column));
    }

    public Frame mean(String column) {
        return agg(Agg.mean(column));
    }

    public Frame count(String column) {
        return agg(Agg.count(column));
    }

    public Frame min(String column) {
        return agg(Agg.min(column));
    }

    public Frame max(String column) {
        return agg(Agg.max(column));
    }
}
