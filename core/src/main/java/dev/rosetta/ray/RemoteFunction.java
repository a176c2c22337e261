package dev.rosetta.ray;

import java.util.Map;
import java.util.TreeMap;

/**
 * A function made remote with {@link Ray#remote}: Ray's {@code @ray.remote def f(...)}. Each
 * {@link #remote(Object...)} call submits a task to the cluster and returns its
 * {@link ObjectRef} at once.
 *
 * <pre>{@code
 * var add = ray.remote((Integer a, Integer b) -> a + b);
 * ObjectRef<Integer> three = add.remote(1, 2);
 * ObjectRef<Integer> six = add.remote(three, three);   // waits for `three`, then runs with 3 and 3
 * var flaky = add.maxRetries(5).retryExceptions(true); // add.options(max_retries=5, retry_exceptions=True)
 * var heavy = add.numCpus(2).resources("GPU", 1);      // add.options(num_cpus=2, resources={"GPU": 1})
 * }</pre>
 *
 * <p><b>Resources.</b> A task asks for one CPU unless told otherwise, and runs only when what it
 * asks for is free in the cluster ({@link Scheduler}); one that asks for more than the whole
 * cluster has waits, with a warning.
 *
 * <p>Arguments are values or refs of this cluster, as in Python; their number must match the
 * function's (Python's {@code TypeError} otherwise).
 *
 * <p>Thread-safety: immutable; {@code remote} may be called from any thread.
 *
 * @param <R> what the function returns
 */
public final class RemoteFunction<R> {
    /** Ray's default {@code max_retries} for a task whose worker dies. */
    public static final int DEFAULT_MAX_RETRIES = 3;

    private final Ray ray;
    private final String name;
    private final Body body;
    private final int maxRetries;
    private final boolean retryExceptions;
    private final Map<String, Double> resources;

    RemoteFunction(Ray ray, String name, Body body, int maxRetries, boolean retryExceptions, Map<String, Double> resources) {
        this.ray = ray;
        this.name = name;
        this.body = body;
        this.maxRetries = maxRetries;
        this.retryExceptions = retryExceptions;
        this.resources = Map.copyOf(resources);
    }

    /**
     * {@code f.remote(*args)}: submits the task and returns its ref at once. A ref among the
     * arguments is replaced by its value before the task runs; the task waits for it in the
     * driver, not in a worker.
     *
     * @throws dev.rosetta.multiprocessing.PicklingError an argument cannot be serialised
     * @throws IllegalArgumentException the wrong number of arguments, or a ref of another cluster
     */
    public ObjectRef<R> remote(Object... args) {
        if (args.length != body.arity()) {
            throw new IllegalArgumentException(name + " takes " + body.arity() + " argument" + (body.arity() == 1 ? "" : "s")
                    + " but " + args.length + " were given (Python raises TypeError)");
        }
        return ray.submitTask(this, args);
    }

    /** {@code f.options(max_retries=n)}: how often a task whose worker died is run again (default 3; 0: never). */
    public RemoteFunction<R> maxRetries(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + times);
        }
        return new RemoteFunction<>(ray, name, body, times, retryExceptions, resources);
    }

    /**
     * {@code f.options(retry_exceptions=True)}: a task that raises is run again too, within the
     * same {@code maxRetries}. Only for tasks that are safe to repeat: a side effect before the
     * exception happens again on every try.
     */
    public RemoteFunction<R> retryExceptions(boolean retry) {
        return new RemoteFunction<>(ray, name, body, maxRetries, retry, resources);
    }

    /** {@code f.options(num_cpus=n)}: the CPUs each task holds while it runs (default 1; 0 is allowed, as in Ray). */
    public RemoteFunction<R> numCpus(double cpus) {
        return resources("CPU", cpus);
    }

    /** {@code f.options(resources={"GPU": 1})}: a custom resource each task holds while it runs. */
    public RemoteFunction<R> resources(String resource, double amount) {
        if (amount < 0 || Double.isNaN(amount)) {
            throw new IllegalArgumentException("a resource amount must be 0 or more, was " + resource + "=" + amount);
        }
        var more = new TreeMap<>(resources);
        more.put(resource, amount);
        return new RemoteFunction<>(ray, name, body, maxRetries, retryExceptions, more);
    }

    String name() {
        return name;
    }

    Body body() {
        return body;
    }

    int maxRetries() {
        return maxRetries;
    }

    boolean retryExceptions() {
        return retryExceptions;
    }

    Map<String, Double> resources() {
        return resources;
    }

    @Override
    public String toString() {
        return "RemoteFunction(" + name + ", maxRetries=" + maxRetries + ", retryExceptions=" + retryExceptions
                + ", resources=" + new TreeMap<>(resources) + ")";
    }
}
