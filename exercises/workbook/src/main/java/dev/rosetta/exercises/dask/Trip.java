package dev.rosetta.exercises.dask;

/**
 * One row of a taxi-trips partition in {@code dask/groupby-mean}. You do not edit it.
 *
 * @param zone the pickup zone, the group-by key; {@code null} when missing (pandas' NaN)
 * @param fare the fare; {@code null} when missing
 */
public record Trip(String zone, Double fare) {
}
