package dev.rosetta.trace;

/**
 * The clock of every span: microseconds since the epoch, read from {@link System#nanoTime()}
 * (steady, fine-grained) and anchored once per JVM to {@link System#currentTimeMillis()}.
 * Within a process, spans are exact to the microsecond; spans from two processes line up to
 * about a millisecond, the precision of the anchor — enough to see which worker ran when.
 *
 * <p>Thread-safety: stateless after class initialisation.
 */
public final class TraceClock {
    private static final long ANCHOR_NANOS = System.nanoTime();
    private static final long ANCHOR_MICROS = System.currentTimeMillis() * 1000;

    private TraceClock() {
    }

    /** Now, in microseconds since the epoch. */
    public static long nowMicros() {
        return ofNanoTime(System.nanoTime());
    }

    /** A reading of {@link System#nanoTime()} on this clock: for code that already read it. */
    public static long ofNanoTime(long nanoTime) {
        return ANCHOR_MICROS + (nanoTime - ANCHOR_NANOS) / 1000;
    }
}
