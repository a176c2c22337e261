package dev.rosetta.tour;

import dev.rosetta.tour.rows.ThreadingRow;
import dev.rosetta.tour.rows.AsyncioRow;
import dev.rosetta.tour.rows.DaskRow;
import dev.rosetta.tour.rows.FuturesRow;
import dev.rosetta.tour.rows.JoblibRow;
import dev.rosetta.tour.rows.MultiprocessingRow;
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
                new DaskRow(),
                new NotBuilt("ray", 0, new TourRow.Claims("ray",
                        "remote tasks and actors on a cluster with a shared object store",
                        "distributed ML, stateful services, many machines",
                        "actors, object store, scales from laptop to cluster",
                        "a heavy runtime to start and operate")));
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
