package dev.rosetta.examples.dask;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.trace.TimelineFlag;
import java.nio.file.Path;

/**
 * The task graph of a query, drawn (Mermaid, which renders in Markdown; or Graphviz DOT):
 *
 * <pre>{@code
 * df = dd.read_csv("trips.csv", blocksize="200KB")
 * query = df[df.passengers > 1].groupby("pickup_zone").fare.mean()
 * query.visualize("graph.svg", optimize_graph=True)
 * }</pre>
 *
 * Each partition's {@code read-csv → filter → groupby-chunk} is fused into one task; the partial
 * results meet in a tree (at most 8 per task) and end in one {@code groupby-agg}. With an argument
 * ending in {@code .dot} or {@code .mmd}, the graph is written there too.
 */
public final class TaskGraphDrawn {
    private TaskGraphDrawn() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, TaskGraphDrawn::demo);
    }

    private static void demo(String[] args) {
        var csv = Data.trips(2);
        Frame query = Dask.readCsv(csv.toString(), 200_000).filter(col("passengers").gt(1))
                .groupBy("pickup_zone").mean("fare");
        System.out.println(query.graph().size() + " tasks after fusion:");
        System.out.print(query.visualize());
        if (args.length > 0) {
            query.visualize(Path.of(args[0]));
            System.out.println("written: " + args[0]);
        }
    }
}
