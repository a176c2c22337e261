package dev.rosetta.testkit;

import java.time.Duration;

/**
 * Delays and limits of tests, all scaled by one factor ({@code -Drosetta.timeout.factor=N},
 * default 1), as the JSR166 TCK does: a slow machine changes one number, not fifty tests.
 *
 * <p>Thread-safety: immutable.
 */
public final class TimeLimits {
    /** Long enough for anything that should happen "soon" on a loaded 2-core machine. */
    public static final Duration LONG = scaled(Duration.ofSeconds(20));
    /** Long enough for a short wait that is expected to succeed. */
    public static final Duration MEDIUM = scaled(Duration.ofSeconds(5));
    /** A wait that is expected to time out: short, so that proving a negative is cheap. */
    public static final Duration SHORT = scaled(Duration.ofMillis(200));

    private TimeLimits() {
    }

    /** The factor every limit is multiplied by: {@code -Drosetta.timeout.factor}, default 1. */
    public static double factor() {
        try {
            double factor = Double.parseDouble(System.getProperty("rosetta.timeout.factor", "1"));
            return factor > 0 ? factor : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code base} multiplied by {@link #factor()}. */
    public static Duration scaled(Duration base) {
        return Duration.ofNanos((long) (base.toNanos() * factor()));
    }
}
