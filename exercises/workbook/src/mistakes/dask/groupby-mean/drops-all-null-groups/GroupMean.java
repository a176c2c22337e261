package dev.rosetta.exercises.dask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Classic mistake: rows with a null fare dropped before grouping. BROKEN: the sums and counts are
 * right, but a zone whose every fare is null never becomes a group, where pandas keeps it with a
 * NaN mean: a zone vanishes from the answer because its fares are unknown.
 */
public class GroupMean {

    public static Map<String, Partial> chunk(List<Trip> partition) {
        var partials = new HashMap<String, Partial>();
        for (Trip trip : partition) {
            if (trip.zone() == null || trip.fare() == null) {
                continue;
            }
            Partial add = new Partial(trip.fare(), 1);
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
