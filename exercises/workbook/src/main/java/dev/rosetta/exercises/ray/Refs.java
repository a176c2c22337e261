package dev.rosetta.exercises.ray;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Exercise {@code ray/get-wait}: {@code ray.get} and {@code ray.wait} over refs, and the way to
 * use them that keeps every worker busy.
 *
 * <pre>
 * values = ray.get(refs, timeout=1.0)             # every value, in the order of the refs
 * ready, not_ready = ray.wait(refs, num_returns=2, timeout=1.0)
 * results = ray.get([f.remote(x) for x in xs])    # ask for everything first, then wait once
 * </pre>
 *
 * <ul>
 *   <li>{@link #get}: the values <b>in the order of the refs</b>, whatever order they became
 *       ready in. The timeout bounds the <b>whole call</b>; when it passes before every ref is
 *       ready, throw {@link GetTimeoutError} (never hand back a partial list). A timeout of zero
 *       looks once and does not wait. A failed ref's error ({@link RayTaskError},
 *       {@link WorkerCrashedError}) is thrown as it is.</li>
 *   <li>{@link #wait}: returns <b>as soon as {@code numReturns} refs are ready</b> (at once if
 *       they already are), or when the timeout passes with fewer (no error). {@code ready} holds
 *       <b>at most {@code numReturns}</b> refs, {@code notReady} every other; each list <b>in
 *       the order the refs were given</b>. {@code numReturns} outside 1..refs.size() is an
 *       {@code IllegalArgumentException} (Ray's {@code ValueError}).</li>
 *   <li>{@link #map}: {@code f} on every item, remotely on {@code cluster}, the results in the
 *       order of the items. <b>Submit every task before waiting for any</b>: waiting for each
 *       result before submitting the next task gives the right answer with one worker busy and
 *       the others idle — Ray's best-known way to be slow.</li>
 * </ul>
 * An interrupted wait throws an unchecked exception with the thread's interrupt flag set again.
 *
 * <p>Tools: {@code ref.future()} ({@code get(timeout, unit)}, {@code whenComplete}), a
 * {@code CountDownLatch}, {@code System.nanoTime()} for a deadline. This package's finished
 * {@link Ray} is refused here: write them yourself. Chapter: docs/ray.md.
 * Hints: {@code ./rosetta learn hint ray/get-wait}.
 */
public final class Refs {
    private Refs() {
    }

    /** {@code ray.get(refs, timeout=...)}: every value, in the order of the refs. */
    public static <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        throw new UnsupportedOperationException("TODO: Refs.get: wait for each ref's future() until one deadline for"
                + " the whole call, the values in the order of the refs; GetTimeoutError when the deadline passes");
    }

    /** {@code ray.wait(refs, num_returns=n, timeout=...)}: (ready, not ready), each in the order given. */
    public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        throw new UnsupportedOperationException("TODO: Refs.wait: count refs as they become ready, stop at numReturns"
                + " or the timeout, then split the refs in the order given");
    }

    /** {@code ray.get([f.remote(x) for x in items])}: every task submitted, then every result awaited. */
    public static <A, R> List<R> map(MiniCluster cluster, Function<A, R> f, List<A> items) {
        throw new UnsupportedOperationException("TODO: Refs.map: cluster.remote(...) for every item first, then get"
                + " the results");
    }
}
