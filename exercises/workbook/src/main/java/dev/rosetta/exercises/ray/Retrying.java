package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;

/**
 * Exercise {@code ray/retry-on-death}: run a task again when its worker dies, and only then —
 * Ray's {@code max_retries} and {@code retry_exceptions}.
 *
 * <pre>
 * &#64;ray.remote(max_retries=3)                        # the default: 3 retries after the first attempt
 * def work(x): ...
 *
 * work.options(max_retries=2, retry_exceptions=True).remote(x)
 * </pre>
 *
 * <p>An attempt can fail in two ways, and Ray answers them differently:
 * <ul>
 *   <li>its <b>worker died</b> under it ({@link WorkerCrashedError}): the task may well be fine,
 *       so it is <b>submitted again</b>, up to {@code maxRetries} times — at most
 *       {@code maxRetries + 1} attempts in all. After the last, the ref fails with the last
 *       {@code WorkerCrashedError} (a task that kills every worker it touches must end);</li>
 *   <li>the task <b>raised</b> an exception of its own ({@link RayTaskError}): <b>not run
 *       again</b> — it would most likely raise again, and whatever it did before raising (a
 *       row written, a card charged) would be done again. The ref fails with that error.
 *       Only with {@code retryExceptions} is it retried too, from the same budget of
 *       {@code maxRetries}.</li>
 * </ul>
 * When the retries are used up, the ref fails with the last attempt's own error, not a new one.
 * {@link #remote} <b>returns at once</b>: the retries are made when an attempt fails, from its
 * ref's callback, never by a thread that waits for the attempt.
 *
 * <p>Tools: {@link MiniCluster#remote}, {@code ref.future().whenComplete(...)} (its error is a
 * {@code CompletionException} around the attempt's error), a {@code CompletableFuture} for the
 * result, {@link ObjectRef#of}. Chapter: docs/ray.md.
 * Hints: {@code ./rosetta learn hint ray/retry-on-death}.
 */
public final class Retrying {
    private Retrying() {
    }

    /**
     * {@code task.options(max_retries=maxRetries, retry_exceptions=retryExceptions).remote()}: a
     * ref to the task's value, at once; the attempts run on {@code cluster}.
     */
    public static <R> ObjectRef<R> remote(MiniCluster cluster, Callable<R> task, int maxRetries, boolean retryExceptions) {
        throw new UnsupportedOperationException("TODO: Retrying.remote: submit an attempt with cluster.remote(task);"
                + " when it fails, decide from its error whether to submit another");
    }
}
