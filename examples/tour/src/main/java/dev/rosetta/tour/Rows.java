package dev.rosetta.tour;

import dev.rosetta.tour.rows.ThreadingRow;
import dev.rosetta.tour.rows.AsyncioRow;
import dev.rosetta.tour.rows.FuturesRow;
import dev.rosetta.tour.rows.JoblibRow;
import dev.rosetta.tour.rows.MultiprocessingRow;
import dev.rosetta.tour.rows.RayRow;
import java.util.List;

/**
 * Every row of the tour, in the order of the grid (docs/README.md). A row whose issue has not
 * been built yet is a {@link NotBuilt}: the table prints its claims and says so.
 */
public final class Rows {
    private Rows() {
    }

    /** The seven rows, in grid order. */
    public static List<TourRow> all() {
        return List.of(
                new ThreadingRow(),
                new MultiprocessingRow(),
                new FuturesRow(),
                new AsyncioRow(),
                new JoblibRow(),
                new NotBuilt("dask", 0, new TourRow.Claims("dask",
                        "lazy chunked collections compiled to a task graph and scheduled",
                        "data larger than memory; pandas/numpy code at scale",
                        "familiar APIs, out-of-core, scales to a cluster",
                        "scheduler overhead per task; a graph to reason about")),
                new RayRow());
    }

    /** A row whose experiment has not been built yet. */
    record NotBuilt(String name, int issue, TourRow.Claims claims) implements TourRow {
        @Override
        public boolean built() {
            return false;
        }

        @Override
        public void measure(Readings readings) {
            throw new UnsupportedOperationException(why());
        }

        /** Why there are no figures, for the table. */
        String why() {
            return issue > 0 ? "not built yet (issue #" + issue + ")" : "not built yet";
        }
    }
}
