package dev.rosetta.exercises.dask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Classic mistake: rows with no zone kept, as a group of their own. BROKEN: pandas' groupby drops
 * missing keys (dropna=True), so a null zone is no group; here it becomes one — and a sorted map
 * of the results cannot even hold its key.
 */
public class GroupMean {

    public static Map<String, Partial> chunk(List<Trip> partition) {
        var partials = new HashMap<String, Partial>();
        for (Trip trip : partition) {
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
        var means = new TreeMap<String, Double>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        total.forEach((zone, p) -> means.put(zone, p.sum() / p.count()));
        return means;
    }

    private static Partial plus(Partial a, Partial b) {
        return new Partial(a.sum() + b.sum(), a.count() + b.count());
    }
}
