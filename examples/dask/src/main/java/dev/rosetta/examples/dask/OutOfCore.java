package dev.rosetta.examples.dask;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Partition;
import dev.rosetta.trace.TimelineFlag;
import java.io.IOException;
import java.util.Locale;

/**
 * A file several times larger than the heap, queried in partitions; the eager way runs out of memory:
 *
 * <pre>{@code
 * import pandas as pd, dask.dataframe as dd
 * pd.read_csv("big.csv")                    # MemoryError: the whole file as one frame
 * df = dd.read_csv("big.csv", blocksize="1MB")
 * df[df.passengers > 1].groupby("pickup_zone").fare.mean().compute()   # streams through
 * }</pre>
 *
 * The CSV is made {@code ratio} (default 4) times the heap's size; the query holds a few partitions
 * at a time, and reading it whole as one partition fails with {@code OutOfMemoryError}. Started with
 * a heap above 256 MB (the default is a quarter of the machine's memory), it runs itself again in a
 * child JVM with {@code -Xmx32m}, so the file stays small. Arguments: ratio, blocksize in KB.
 */
public final class OutOfCore {
    private OutOfCore() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, OutOfCore::demo);
    }

    private static void demo(String[] args) throws IOException, InterruptedException {
        if (Data.rerunUnderSmallHeap(OutOfCore.class, args)) {
            return;
        }
        double heapMb = Data.heapMegabytes();
        var csv = Data.trips(heapMb * Data.arg(args, 0, 4));
        long blocksize = (long) Data.arg(args, 1, 1024) * 1024;
        double mb = Data.megabytes(csv);
        try (var threads = LocalScheduler.threads(2)) {
            Partition means = Dask.readCsv(csv.toString(), blocksize).filter(col("passengers").gt(1))
                    .groupBy("pickup_zone").mean("fare").compute(threads);
            System.out.printf(Locale.ROOT, "in partitions: %d zones from %.0f MB of CSV = %.1f x the heap;"
                    + " at most %d task values held at once%n", means.rows(), mb, mb / heapMb, threads.peakHeld());
        }
        try (var sync = LocalScheduler.synchronous()) {
            Partition all = Dask.readCsv(csv.toString(), Long.MAX_VALUE / 2).compute(sync);
            System.out.println("eager, the whole file as one partition: " + all.rows() + " rows (the heap was big enough)");
        } catch (OutOfMemoryError e) {
            System.out.println("eager, the whole file as one partition (pandas.read_csv): OutOfMemoryError");
        }
    }
}
