package dev.rosetta.exercises.dask;

/**
 * One group's partial result in {@code dask/groupby-mean}: what a mean must carry between
 * partitions. You do not edit it.
 *
 * @param sum the sum of the group's non-null fares seen so far
 * @param count how many non-null fares that sum holds
 */
public record Partial(double sum, long count) {
}
