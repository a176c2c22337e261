package dev.rosetta.examples.dask;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.CsvError;
import dev.rosetta.dask.DType;
import dev.rosetta.dask.Dask;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.trace.TimelineFlag;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * dask's most reported surprise (dask#1166): the types are inferred from the start of the file,
 * and a value far down that does not fit fails the computation later:
 *
 * <pre>{@code
 * df = dd.read_csv("late.csv")          # the first 256 KB: passengers are all integers
 * df[df.passengers > 1].passengers.sum().compute()
 * # ValueError: Mismatched dtypes found in `pd.read_csv`/`pd.read_table`.
 * # +------------+---------+----------+
 * # | Column     | Found   | Expected |
 * # | passengers | float64 | int64    |
 * # ...  (which file? which row? dask cannot say)
 * df = dd.read_csv("late.csv", dtype={"passengers": "float64"})
 * }</pre>
 *
 * Here the error names the file, the line, the column, the value and the type expected, and says
 * how to give the type; with it, the query runs.
 */
public final class DtypeError {
    private DtypeError() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, DtypeError::demo);
    }

    private static void demo(String[] args) throws IOException {
        var dir = Files.createTempDirectory("dask-dtype");
        var csv = dir.resolve("late.csv");
        var sb = new StringBuilder("trip_id,passengers\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(',').append(i == 41_234 ? "2.5" : Integer.toString(1 + i % 4)).append('\n');
        }
        Files.writeString(csv, sb);
        csv.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        try (var threads = LocalScheduler.threads(2)) {
            var df = Dask.readCsv(csv.toString(), 100_000);
            System.out.println("inferred: " + df.schema());
            try {
                df.filter(col("passengers").gt(1)).groupBy("passengers").count("trip_id").compute(threads);
            } catch (CsvError e) {
                System.out.println("CsvError: " + e.getMessage().replace(csv.toString(), "late.csv"));
            }
            var fixed = Dask.readCsv(csv.toString(), 100_000, Map.of("passengers", DType.DOUBLE));
            System.out.println("with dtype passengers=double: " + fixed.schema());
            System.out.print(fixed.filter(col("passengers").gt(1)).groupBy("passengers").count("trip_id").compute(threads));
        }
    }
}
