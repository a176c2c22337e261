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
 * Classic mistake: {@code get} hands back what it has when the timeout passes, a {@code null}
 * for each ref not ready. BROKEN: the caller cannot tell a missing value from a real one;
 * ray.get raises {@code GetTimeoutError}.
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
                values.add(null); // BAD: a partial list instead of GetTimeoutError
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
        for (ObjectRef<T> ref : refs) {
            ref.future().whenComplete((value, error) -> enough.countDown());
        }
        try {
            enough.await(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in wait", e);
        }
        var ready = new ArrayList<ObjectRef<T>>();
        var notReady = new ArrayList<ObjectRef<T>>();
        for (ObjectRef<T> ref : refs) {
            (ready.size() < numReturns && ref.isReady() ? ready : notReady).add(ref);
        }
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
