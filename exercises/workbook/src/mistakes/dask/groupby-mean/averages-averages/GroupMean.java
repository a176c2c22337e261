package dev.rosetta.exercises.dask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Classic mistake: each partition's mean computed in chunk, and the means averaged. BROKEN:
 * averaging averages weighs every partition alike, so a partition of one trip counts as much as
 * one of a million; the answer is right only when every partition holds the same number of each
 * zone's fares.
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
        var means = new HashMap<String, Partial>();
        partials.forEach((zone, p) -> means.put(zone, new Partial(p.sum() / p.count(), 1)));
        return means;
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
