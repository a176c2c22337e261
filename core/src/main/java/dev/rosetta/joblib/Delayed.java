package dev.rosetta.joblib;

import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import java.io.Serial;

/**
 * joblib's {@code delayed(f)(x)}: a call written down but not made yet — the function and its
 * argument, to be run later by a {@link Parallel}, in this process or in a worker.
 *
 * <pre>{@code
 * // Python: Parallel(n_jobs=2)(delayed(sqrt)(i) for i in range(10))
 * List<Double> roots = parallel.call(IntStream.range(0, 10).mapToObj(i -> delayed(Math::sqrt, (double) i)).toList());
 * }</pre>
 *
 * <p>Like the function it wraps, a {@code Delayed} must pickle to go to a worker process: the
 * function a {@link PicklableFunction} (a lambda or method reference typed so is), the argument
 * serialisable. Its {@link #toString()} names the call ({@code sqrt(4.0)}) in error messages.
 *
 * <p>Thread-safety: immutable when its argument is.
 *
 * @param function what to call
 * @param argument what to call it with
 * @param <T>      the argument's type
 * @param <R>      the result's type
 */
public record Delayed<T, R>(PicklableFunction<T, R> function, T argument) implements PicklableCallable<R> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** {@code delayed(function)(argument)}. */
    public static <T, R> Delayed<T, R> delayed(PicklableFunction<T, R> function, T argument) {
        return new Delayed<>(function, argument);
    }

    /** Makes the call, in whichever process this object now lives. */
    @Override
    public R call() throws Exception {
        return function.apply(argument);
    }

    /** {@code name(argument)}, the name taken from the lambda's or method reference's source. */
    @Override
    public String toString() {
        return FunctionNames.of(function) + "(" + argument + ")";
    }
}
