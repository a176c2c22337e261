package dev.rosetta.exercises.dask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Classic mistake: combine walks the zones of the first partial and adds the others' values for
 * those zones. BROKEN: a zone that appears only in a later partition is lost — a quiet zone whose
 * trips all happen to sit in the last block of the file vanishes from the answer.
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
        if (partials.isEmpty()) {
            return total;
        }
        for (String zone : partials.getFirst().keySet()) {
            Partial sum = new Partial(0, 0);
            for (Map<String, Partial> partial : partials) {
                sum = plus(sum, partial.getOrDefault(zone, new Partial(0, 0)));
            }
            total.put(zone, sum);
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
