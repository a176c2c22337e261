package dev.rosetta.dask;

import java.util.List;
import java.util.Set;

/**
 * A lazy single value, such as a frame's row count: dask's {@code Scalar} ({@code df.shape[0]}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param <T> the value's type
 */
public final class Scalar<T> extends Lazy<T> {
    Scalar(Plan plan) {
        super(plan);
    }

    @Override
    List<String> keys() {
        return List.of(plan.key(0));
    }

    @Override
    Set<String> columns() {
        return Set.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    T finish(List<Object> values) {
        return (T) values.getFirst();
    }
}
