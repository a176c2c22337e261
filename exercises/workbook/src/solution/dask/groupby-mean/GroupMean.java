package dev.rosetta.exercises.dask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reference solution of {@code dask/groupby-mean}: a mean travels as (sum, count), which add up
 * across partitions in any grouping; only the last step divides. A zone enters its partial on its
 * first row, fare or not, so a zone of unknown fares is kept, with a count of 0, and becomes NaN
 * (0.0 / 0).
 */
public class GroupMean {

    public static Map<String, Partial> chunk(List<Trip> partition) {
        var partials = new HashMap<String, Partial>();
        for (Trip trip : partition) {
            if (trip.zone() == null) {
                continue;
            }
            Partial add = trip.fare() == null ? new Partial(0, 0) : new Partial(trip.fare(), 1);
            partials.merge(trip.zone(), add, GroupMean::plus);
        }
        return partials;
    }

    public static Map<String, Partial> combine(List<Map<String, Partial>> partials) {
        var total = new HashMap<String, Partial>();
        for (Map<String, Partial> partial : partials) {
            partial.forEach((zone, p) -> total.merge(zone, p, GroupMean::plus));
        }
        return total;
    }

    public static SortedMap<String, Double> aggregate(Map<String, Partial> total) {
        var means = new TreeMap<String, Double>();
        total.forEach((zone, p) -> means.put(zone, p.sum() / p.count()));
        return means;
    }

    private static Partial plus(Partial a, Partial b) {
        return new Partial(a.sum() + b.sum(), a.count() + b.count());
    }
}
