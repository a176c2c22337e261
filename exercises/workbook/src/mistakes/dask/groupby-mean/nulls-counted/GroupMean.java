package dev.rosetta.exercises.dask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Classic mistake: a null fare read as 0 and counted. BROKEN: a missing fare is not a free ride;
 * counting it pulls the mean down (10.00 and a missing fare average 5.00, not 10.00). pandas
 * skips missing values in sum, count and mean.
 */
public class GroupMean {

    public static Map<String, Partial> chunk(List<Trip> partition) {
        var partials = new HashMap<String, Partial>();
        for (Trip trip : partition) {
            if (trip.zone() == null) {
                continue;
            }
            Partial add = new Partial(trip.fare() == null ? 0 : trip.fare(), 1);
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
