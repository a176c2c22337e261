package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;

/**
 * The finished {@code ray.get} and {@code ray.wait}, for the exercises that use them (in
 * {@code ray/get-wait} you write them yourself). Both wait without a timeout. You do not edit it.
 *
 * <p>Thread-safety: stateless; call from any thread.
 */
public final class Ray {
    private Ray() {
    }

    /**
     * {@code ray.get(ref)}: waits for the value; a failed task's error ({@link RayTaskError},
     * {@link WorkerCrashedError}) is thrown as it is.
     *
     * @throws IllegalStateException if the waiting thread is interrupted (its flag set again)
     */
    public static <T> T get(ObjectRef<T> ref) {
        try {
            return ref.future().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException error ? error : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in ray.get(" + ref + ")", e);
        }
    }

    /** {@code ray.get(refs)}: every value, in the order of the refs. */
    public static <T> List<T> get(List<ObjectRef<T>> refs) {
        var values = new ArrayList<T>(refs.size());
        for (ObjectRef<T> ref : refs) {
            values.add(get(ref));
        }
        return values;
    }

    /**
     * {@code ray.wait(refs, num_returns=n)}: waits until at least {@code numReturns} refs are
     * ready; returns the first {@code numReturns} ready ones and every other ref, each list in
     * the order given.
     *
     * @throws IllegalArgumentException unless {@code 1 <= numReturns <= refs.size()}
     */
    public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
        if (numReturns < 1 || numReturns > refs.size()) {
            throw new IllegalArgumentException("num_returns must be between 1 and the number of refs ("
                    + refs.size() + "), was " + numReturns);
        }
        var enough = new CountDownLatch(numReturns);
        refs.forEach(ref -> ref.future().whenComplete((value, error) -> enough.countDown()));
        try {
            enough.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in ray.wait", e);
        }
        var ready = new ArrayList<ObjectRef<T>>();
        var notReady = new ArrayList<ObjectRef<T>>();
        for (ObjectRef<T> ref : refs) {
            (ready.size() < numReturns && ref.isReady() ? ready : notReady).add(ref);
        }
        return new WaitResult<>(ready, notReady);
    }
}
