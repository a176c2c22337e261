package dev.rosetta.dask;

import java.io.Serializable;
import java.util.Locale;

/**
 * One aggregation of a {@link GroupBy}: pandas' {@code .agg({"fare": "mean"})}. The result column
 * is named {@code <column>_<how>} ({@code fare_mean}). Nulls are skipped, as pandas skips NaN: the
 * sum of a group with no values is 0, its mean, min and max are null, its count 0.
 *
 * @param column the column aggregated
 * @param how    which aggregation
 */
public record Agg(String column, How how) implements Serializable {
    /** The aggregations dask's groupby runs as a tree reduction. */
    public enum How {
        SUM, MEAN, COUNT, MIN, MAX;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Agg sum(String column) {
        return new Agg(column, How.SUM);
    }

    /** The mean, computed from (sum, count) pairs per partition — never by averaging averages. */
    public static Agg mean(String column) {
        return new Agg(column, How.MEAN);
    }

    /** The number of non-null values. */
    public static Agg count(String column) {
        return new Agg(column, How.COUNT);
    }

    public static Agg min(String column) {
        return new Agg(column, How.MIN);
    }

    public static Agg max(String column) {
        return new Agg(column, How.MAX);
    }

    /** The result column's name: {@code fare_mean}. */
    public String outputName() {
        return column + "_" + how;
    }

    /** The result's type on a frame of {@code schema}; fails on an unknown column or a type it cannot aggregate. */
    public DType dtype(Schema schema) {
        DType t = schema.dtype(column);
        return switch (how) {
            case COUNT -> DType.LONG;
            case MEAN -> numeric(t, DType.DOUBLE);
            case SUM -> numeric(t, t);
            case MIN, MAX -> {
                if (t == DType.BOOLEAN) {
                    throw new IllegalArgumentException("TypeError: " + how + " of '" + column + "' (boolean): min and max"
                            + " need a long, double or string column");
                }
                yield t;
            }
        };
    }

    private DType numeric(DType t, DType result) {
        if (!t.isNumeric()) {
            throw new IllegalArgumentException("TypeError: " + how + " of '" + column + "' (" + t + "): sum and mean"
                    + " need a long or double column");
        }
        return result;
    }

    @Override
    public String toString() {
        return how + "(" + column + ")";
    }
}
