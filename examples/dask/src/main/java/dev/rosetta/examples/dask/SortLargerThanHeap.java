package dev.rosetta.examples.dask;

import dev.rosetta.dask.Column;
import dev.rosetta.dask.DType;
import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.NaPosition;
import dev.rosetta.dask.Partition;
import dev.rosetta.dask.Schema;
import dev.rosetta.dask.Shuffle;
import dev.rosetta.trace.TimelineFlag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sorting a CSV larger than the heap: a shuffle that spills its buckets to disk.
 *
 * <pre>{@code
 * import dask, dask.dataframe as dd, pandas as pd
 * df = dd.read_csv("trips.csv", blocksize="2MB")
 * with dask.config.set({"dataframe.shuffle.method": "disk"}):
 *     by_fare = df.sort_values("fare")
 * summary = by_fare.map_partitions(lambda p: pd.DataFrame(
 *     {"rows": [len(p)], "first": [p.fare.min()], "last": [p.fare.max()]}))
 * print(summary.compute())
 * }</pre>
 *
 * The sorted frame is never gathered (it would not fit): a summary of each sorted partition is —
 * how many rows, its first and last fare — and the summaries show the partitions in order, every
 * row there once. The CSV is made {@code ratio} (default 3) times the heap. Started with a heap above
 * 256 MB, it runs itself again in a child JVM with {@code -Xmx32m}. Arguments: ratio, blocksize in KB.
 */
public final class SortLargerThanHeap {
    private static final Schema SUMMARY = Schema.of("rows", DType.LONG, "first", DType.DOUBLE, "last", DType.DOUBLE,
            "sorted", DType.BOOLEAN);

    private SortLargerThanHeap() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, SortLargerThanHeap::demo);
    }

    private static void demo(String[] args) throws IOException, InterruptedException {
        if (Data.rerunUnderSmallHeap(SortLargerThanHeap.class, args)) {
            return;
        }
        double heapMb = Data.heapMegabytes();
        var csv = Data.trips(heapMb * Data.arg(args, 0, 3));
        Frame df = Dask.readCsv(csv.toString(), (long) Data.arg(args, 1, 2048) * 1024);
        Frame byFare = df.sortValues("fare", true, NaPosition.LAST, Shuffle.disk());
        Frame summary = byFare.mapPartitions(SortLargerThanHeap::summarize, SUMMARY);
        long spilledBefore = Shuffle.filesWritten();
        Partition s;
        try (var threads = LocalScheduler.threads(2)) {
            s = summary.compute(threads);
        }
        long rows = 0;
        boolean inOrder = true;
        double previous = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < s.rows(); j++) {
            rows += (Long) s.column("rows").get(j);
            inOrder &= (Boolean) s.column("sorted").get(j);
            if (!s.column("first").isNull(j)) {
                inOrder &= (Double) s.column("first").get(j) >= previous;
                previous = (Double) s.column("last").get(j);
            }
        }
        System.out.printf(Locale.ROOT, "sorted %.0f MB of CSV = %.1f x the heap, in %d partitions%n",
                Data.megabytes(csv), Data.megabytes(csv) / heapMb, s.rows());
        System.out.println("first partitions:\n" + s.head(3));
        System.out.printf(Locale.ROOT, "rows in: %,d; rows out: %,d; every partition sorted and each after the one"
                + " before: %s%n", df.count().compute(), rows, inOrder ? "yes" : "NO");
        System.out.printf(Locale.ROOT, "spill files written (bucket per input x output partition): %,d%n",
                Shuffle.filesWritten() - spilledBefore);
    }

    /** One row about a sorted partition: its size, first and last fare, and whether it is in order. */
    private static Partition summarize(Partition p) {
        Column fare = p.column("fare");
        boolean sorted = true;
        for (int i = 1; i < p.rows(); i++) {
            sorted &= (Double) fare.get(i - 1) <= (Double) fare.get(i);
        }
        var row = new ArrayList<Object>(List.of((long) p.rows()));
        row.add(p.rows() == 0 ? null : fare.get(0));
        row.add(p.rows() == 0 ? null : fare.get(p.rows() - 1));
        row.add(sorted);
        return Partition.ofRows(SUMMARY, List.of(row));
    }
}
