package dev.rosetta.exercises.dask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code dask/groupby-mean}: small partitions of taxi trips, with fares chosen so
 * that every mean is exact in binary, so the answers compare with {@code equals}. One property
 * per test:
 * <ul>
 *   <li>chunk keeps (sum, count), so partitions of different sizes give the true mean, not a mean of means.</li>
 *   <li>A null fare is in neither the sum nor the count.</li>
 *   <li>A null zone is no group.</li>
 *   <li>A zone whose every fare is null is kept, with a NaN mean.</li>
 *   <li>combine keeps every zone of every partial, and combining combines gives what combining all gives.</li>
 *   <li>No rows: empty results; the zones come out sorted.</li>
 * </ul>
 */
class GroupMeanTest {

    private static Trip trip(String zone, Double fare) {
        return new Trip(zone, fare);
    }

    /** chunk per partition, one combine, aggregate: the whole query. */
    private static SortedMap<String, Double> mean(List<List<Trip>> partitions) {
        var partials = new ArrayList<Map<String, Partial>>();
        for (List<Trip> partition : partitions) {
            partials.add(GroupMean.chunk(partition));
        }
        return GroupMean.aggregate(GroupMean.combine(partials));
    }

    @Test
    @DisplayName("partitions of different sizes give the true mean: no averaging averages")
    void noAveragingAverages() {
        var big = List.of(trip("JFK", 10.0), trip("JFK", 20.0), trip("JFK", 30.0));
        var small = List.of(trip("JFK", 70.0));
        Partial jfk = GroupMean.chunk(big).get("JFK");
        if (jfk == null || jfk.sum() != 60.0 || jfk.count() != 3) {
            fail("chunk of a partition whose JFK fares are 10, 20 and 30 gave " + jfk + ": it must keep their sum and"
                    + " count, Partial[sum=60.0, count=3], not their mean. A mean of each partition's mean is averaging"
                    + " averages: it weighs a partition of one trip like a partition of three");
        }
        double got = mean(List.of(big, small)).get("JFK");
        assertEquals(32.5, got, "JFK's fares are 10, 20, 30 in one partition and 70 in another: the mean is 130 / 4 ="
                + " 32.5; averaging the partitions' averages (20 and 70) gives 45 — averaging averages");
    }

    @Test
    @DisplayName("a null fare is in neither the sum nor the count")
    void nullFaresAreSkipped() {
        assertEquals(new Partial(10.0, 1), GroupMean.chunk(List.of(trip("JFK", 10.0), trip("JFK", null))).get("JFK"),
                "JFK's fares are 10 and a null fare: pandas skips the missing value, so the partial is (sum 10, count"
                + " 1); counting the null fare as 0 makes the mean 5");
        assertEquals(Map.of("JFK", 10.0), mean(List.of(List.of(trip("JFK", null), trip("JFK", 10.0)))),
                "JFK's fares are a null fare and 10: the mean is 10");
    }

    @Test
    @DisplayName("a null zone is no group")
    void nullZonesAreDropped() {
        Map<String, Partial> partial = GroupMean.chunk(List.of(trip(null, 5.0), trip("LGA", 8.0)));
        if (partial.keySet().stream().anyMatch(Objects::isNull)) {
            fail("a trip with a null zone became a group of its own: " + partial + ". pandas' groupby drops missing"
                    + " keys (dropna=True): a row with a null zone belongs to no group");
        }
        assertEquals(Map.of("LGA", new Partial(8.0, 1)), partial, "a trip with a null zone and one in LGA at 8.00");
    }

    @Test
    @DisplayName("a zone whose every fare is null is kept, with a NaN mean")
    void allNullZoneIsNaN() {
        var means = mean(List.of(List.of(trip("JFK", 12.0), trip("EWR", null)), List.of(trip("EWR", null))));
        if (!means.containsKey("EWR")) {
            fail("EWR has two trips, and every fare is null: it is still a group, whose mean is NaN (pandas:"
                    + " groupby('zone').fare.mean() gives EWR NaN), but the result has no EWR: " + means + ". Drop the"
                    + " null fares from the sum and the count, not the trips from their group");
        }
        assertTrue(means.get("EWR").isNaN(), "EWR's every fare is null: its mean is NaN (0 / 0), but was "
                + means.get("EWR"));
        assertEquals(12.0, means.get("JFK"), "JFK's one fare is 12");
    }

    @Test
    @DisplayName("combine keeps every zone of every partial; combining combines gives the same")
    void combineKeepsEveryZoneAndRegroups() {
        var a = Map.of("JFK", new Partial(30.0, 2));
        var b = Map.of("JFK", new Partial(10.0, 1), "LGA", new Partial(16.0, 2));
        var c = Map.of("EWR", new Partial(5.0, 1));
        Map<String, Partial> all = GroupMean.combine(List.of(a, b, c));
        for (String zone : List.of("LGA", "EWR")) {
            if (!all.containsKey(zone)) {
                fail("combine of three partials, " + a + ", " + b + " and " + c + ", gave " + all + ": " + zone
                        + " appears only in a later partial, and was lost. Every zone of every partial is in the"
                        + " result, not only the first partial's zones");
            }
        }
        assertEquals(Map.of("JFK", new Partial(40.0, 3), "LGA", new Partial(16.0, 2), "EWR", new Partial(5.0, 1)), all,
                "combine of three partials: each zone's sums added and counts added");
        assertEquals(all, GroupMean.combine(List.of(GroupMean.combine(List.of(a, b)), c)), "combine of (combine of a"
                + " and b) and c must equal combine of a, b and c: a tree reduction combines partials in groups, level"
                + " by level");
        assertEquals(Map.of(), GroupMean.combine(List.of()), "combine of no partials: no zones");
    }

    @Test
    @DisplayName("no rows: empty results; the zones come out sorted")
    void emptyAndSorted() {
        assertEquals(Map.of(), GroupMean.chunk(List.of()), "chunk of an empty partition: no zones");
        assertEquals(Map.of(), GroupMean.aggregate(Map.of()), "aggregate of nothing: no means");
        assertEquals(Map.of(), mean(List.of(List.of(), List.of())), "two empty partitions: no means");
        var means = mean(List.of(List.of(trip("LGA", 8.0), trip("EWR", 6.0)), List.of(trip("JFK", 9.0), trip("EWR", 7.0))));
        assertEquals(List.of("EWR", "JFK", "LGA"), new ArrayList<>(means.keySet()), "the zones of the result in"
                + " sorted order, as pandas' groupby sorts its keys");
        assertEquals(List.of(6.5, 9.0, 8.0), new ArrayList<>(means.values()), "the means of EWR (6 and 7), JFK and"
                + " LGA");
    }
}
