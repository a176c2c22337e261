package dev.rosetta.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves that things ran at the same time, without measuring time. Each of {@code parties}
 * tasks calls {@link #arriveAndAwait()}: it blocks until all parties are inside together.
 * If they really run in parallel they all get in and go on; if something serialises them
 * (a pool of one, a lock, a GIL) the first one waits alone until the limit and the probe
 * records that the overlap never happened. The test then calls {@link #assertOverlapped()}.
 *
 * <pre>{@code
 * var probe = new OverlapProbe(2);
 * pool.submit(probe::arriveAndAwait);
 * pool.submit(probe::arriveAndAwait);
 * ... wait for both ...
 * probe.assertOverlapped();   // fails: "only 1 of 2 were inside at once"
 * }</pre>
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class OverlapProbe {
    private final int parties;
    private final Duration limit;
    private final CountDownLatch allInside;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();

    /** A probe for {@code parties} tasks, each waiting at most {@link TimeLimits#MEDIUM}. */
    public OverlapProbe(int parties) {
        this(parties, TimeLimits.MEDIUM);
    }

    /** A probe for {@code parties} tasks, each waiting at most {@code limit} for the others. */
    public OverlapProbe(int parties, Duration limit) {
        if (parties < 2) {
            throw new IllegalArgumentException("an overlap needs at least 2 parties, was " + parties);
        }
        this.parties = parties;
        this.limit = limit;
        this.allInside = new CountDownLatch(parties);
    }

    /**
     * Enters, waits until all parties are inside at once (or the limit passes), and leaves.
     *
     * @return whether all parties were inside together
     */
    public boolean arriveAndAwait() throws InterruptedException {
        int now = inside.incrementAndGet();
        mostInside.accumulateAndGet(now, Math::max);
        allInside.countDown();
        try {
            return allInside.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            inside.decrementAndGet();
        }
    }

    /** The largest number of parties that were inside at the same moment. */
    public int mostInsideAtOnce() {
        return mostInside.get();
    }

    /** Fails unless all parties were inside at the same time. */
    public void assertOverlapped() {
        if (mostInside.get() < parties) {
            throw new AssertionError("only " + mostInside.get() + " of " + parties
                    + " tasks were running at the same time: something ran them one after another"
                    + " (a pool of one thread? a lock they all take? a GIL?)");
        }
    }
}
