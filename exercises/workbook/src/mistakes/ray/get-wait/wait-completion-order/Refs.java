package dev.rosetta.exercises.ray;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Classic mistake: {@code wait} lists the ready refs in the order they became ready, from the
 * callbacks. BROKEN: ray.wait keeps the order the refs were given; a caller that pairs
 * {@code ready} with its inputs by position gets them mixed up.
 */
public final class Refs {
    private Refs() {
    }

    public static <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        long deadline = System.nanoTime() + nanos(timeout);
        var values = new ArrayList<T>(refs.size());
        for (ObjectRef<T> ref : refs) {
            try {
                values.add(ref.future().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new GetTimeoutError((int) refs.stream().filter(ObjectRef::isReady).count(), refs.size());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException error ? error : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in get", e);
            }
        }
        return values;
    }

    public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        if (numReturns < 1 || numReturns > refs.size()) {
            throw new IllegalArgumentException("numReturns must be between 1 and " + refs.size() + ", was " + numReturns);
        }
        var enough = new CountDownLatch(numReturns);
        var finished = java.util.Collections.synchronizedList(new ArrayList<ObjectRef<T>>());
        for (ObjectRef<T> ref : refs) {
            ref.future().whenComplete((value, error) -> {
                finished.add(ref); // BAD: the order they became ready in
                enough.countDown();
            });
        }
        try {
            enough.await(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in wait", e);
        }
        List<ObjectRef<T>> ready;
        synchronized (finished) {
            ready = new ArrayList<>(finished.subList(0, Math.min(numReturns, finished.size())));
        }
        var notReady = new ArrayList<ObjectRef<T>>(refs);
        notReady.removeAll(ready);
        return new WaitResult<>(ready, notReady);
    }

    public static <A, R> List<R> map(MiniCluster cluster, Function<A, R> f, List<A> items) {
        var refs = new ArrayList<ObjectRef<R>>(items.size());
        for (A item : items) {
            refs.add(cluster.remote(() -> f.apply(item)));
        }
        return get(refs, Duration.ofNanos(Long.MAX_VALUE));
    }

    /** The timeout in nanoseconds, a longer one than a long holds taken as the longest. */
    private static long nanos(Duration timeout) {
        return timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : Math.max(0, timeout.toNanos());
    }
}
