package dev.rosetta.ray;

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
 * }</pre>
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

    RemoteFunction(Ray ray, String name, Body body, int maxRetries, boolean retryExceptions) {
        this.ray = ray;
        this.name = name;
        this.body = body;
        this.maxRetries = maxRetries;
        this.retryExceptions = retryExceptions;
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
        return new RemoteFunction<>(ray, name, body, times, retryExceptions);
    }

    /**
     * {@code f.options(retry_exceptions=True)}: a task that raises is run again too, within the
     * same {@code maxRetries}. Only for tasks that are safe to repeat: a side effect before the
     * exception happens again on every try.
     */
    public RemoteFunction<R> retryExceptions(boolean retry) {
        return new RemoteFunction<>(ray, name, body, maxRetries, retry);
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

    @Override
    public String toString() {
        return "RemoteFunction(" + name + ", maxRetries=" + maxRetries + ", retryExceptions=" + retryExceptions + ")";
    }
}
