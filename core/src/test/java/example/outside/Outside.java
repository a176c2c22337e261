package example.outside;

import dev.rosetta.multiprocessing.PicklableFunction;
import java.io.Serializable;

/** Code written outside dev.rosetta, as a learner's own would be, for PoolTest. */
public final class Outside {
    private Outside() {
    }

    /** A point of the learner's own. */
    public record Point(int x, int y) implements Serializable {
    }

    /** A lambda written in this package, taking this package's records. */
    public static PicklableFunction<Point, Integer> manhattan() {
        return p -> Math.abs(p.x()) + Math.abs(p.y());
    }

    /** A lambda that returns this package's records. */
    public static PicklableFunction<Integer, Point> diagonal() {
        return i -> new Point(i, i);
    }
}
