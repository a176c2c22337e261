package dev.rosetta.exercises.dask;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Exercise {@code dask/groupby-mean}: the three steps dask splits
 * {@code df.groupby("zone").fare.mean()} into, so that partitions can be reduced one tree level at
 * a time ({@code dask/tree-reduce}).
 *
 * <pre>
 * means = df.groupby("zone").fare.mean(split_every=8).compute()
 * # chunk, per partition:   g = part.groupby("zone").fare; (g.sum(), g.count())
 * # combine, per tree node: the sums added, the counts added
 * # aggregate, at the top:  sum / count
 * </pre>
 *
 * <p>{@link #chunk} gives, for each zone of one partition, the {@link Partial} sum and count of its
 * fares — never the partition's mean: a mean of means weighs a partition of one trip like a
 * partition of a million (averaging averages). As pandas does, a row whose zone is {@code null} is
 * dropped; a {@code null} fare is skipped — in neither the sum nor the count — but its zone is
 * still a group, with a count of 0 if none of its fares is known. {@link #combine} merges the
 * partials of several partitions (or of earlier combines): for each zone found in <i>any</i> of
 * them, the sums added and the counts added; combining combines gives what combining all at once
 * gives. {@link #aggregate} divides: each zone's mean is {@code sum / count}, {@code NaN} for a zone
 * whose every fare is null (pandas' answer), the zones in sorted order. No rows, no partials: empty
 * results.
 *
 * <p>Chapter: docs/dask.md. Hints: {@code ./rosetta learn hint dask/groupby-mean}.
 */
public class GroupMean {

    /** groupby-chunk: each zone's sum and count of known fares in one partition. */
    public static Map<String, Partial> chunk(List<Trip> partition) {
        // TODO per zone (null zones dropped): the sum and the count of the non-null fares
        throw new UnsupportedOperationException("TODO: GroupMean.chunk is not written yet");
    }

    /** groupby-combine: the partials merged, zone by zone, over every zone in any of them. */
    public static Map<String, Partial> combine(List<Map<String, Partial>> partials) {
        // TODO add the sums and the counts of each zone, whichever partial it is in
        throw new UnsupportedOperationException("TODO: GroupMean.combine is not written yet");
    }

    /** groupby-agg: each zone's mean, in zone order. */
    public static SortedMap<String, Double> aggregate(Map<String, Partial> total) {
        // TODO sum / count per zone, sorted by zone
        throw new UnsupportedOperationException("TODO: GroupMean.aggregate is not written yet");
    }
}
