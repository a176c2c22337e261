package dev.rosetta.tour;

import dev.rosetta.tour.rows.ThreadingRow;
import dev.rosetta.tour.rows.AsyncioRow;
import dev.rosetta.tour.rows.DaskRow;
import dev.rosetta.tour.rows.FuturesRow;
import dev.rosetta.tour.rows.JoblibRow;
import dev.rosetta.tour.rows.MultiprocessingRow;
import dev.rosetta.tour.rows.RayRow;
import java.util.List;

/**
 * Every row of the tour, in the order of the grid (docs/README.md). A row that has not been
 * built yet is a {@link NotBuilt}: the table prints its claims and says so.
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
                new RayRow());
    }

    /** A row whose experiment has not been built yet: its claims are printed, with no figures. */
    record NotBuilt(String name) implements TourRow {
        @Override
        public boolean built() {
            return false;
        }

        @Override
        public void measure(Readings readings) {
            throw new UnsupportedOperationException(name + " is not built yet");
        }
    }
}
