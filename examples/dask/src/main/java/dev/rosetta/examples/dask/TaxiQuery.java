package dev.rosetta.examples.dask;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Partition;
import dev.rosetta.dask.ProgressBar;
import dev.rosetta.trace.TimelineFlag;

/**
 * A lazy query on a CSV cut into partitions, with a progress bar:
 *
 * <pre>{@code
 * import dask.dataframe as dd
 * from dask.diagnostics import ProgressBar
 *
 * df = dd.read_csv("trips.csv", blocksize="1MB")
 * print(df.npartitions, dict(df.dtypes))
 * busy = df[df.passengers > 1]
 * with ProgressBar():
 *     print(busy.groupby("pickup_zone").fare.mean().compute())
 * }</pre>
 *
 * Nothing is read until {@code compute}: before it, the frame knows only its columns (from a
 * sample) and where its partitions start. Argument: the CSV's size in MB (default 8).
 */
public final class TaxiQuery {
    private TaxiQuery() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, TaxiQuery::demo);     // --timeline FILE: see each partition's task
    }

    private static void demo(String[] args) {
        var csv = Data.trips(args.length > 0 ? Double.parseDouble(args[0]) : 8);
        Frame df = Dask.readCsv(csv.toString(), 1 << 20);
        System.out.println(df.npartitions() + " partitions, " + df.schema());
        Frame busy = df.filter(col("passengers").gt(1));
        Frame means = busy.groupBy("pickup_zone").mean("fare");
        System.out.println("built, not run: " + means);
        try (var threads = LocalScheduler.threads(2)) {
            Partition result = means.compute(threads, new ProgressBar(System.out));
            System.out.print(result);
            System.out.println("trips with more than one passenger: " + busy.count().compute(threads));
        }
    }
}
