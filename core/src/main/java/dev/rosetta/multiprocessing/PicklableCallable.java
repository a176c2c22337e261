package dev.rosetta.multiprocessing;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task without argument that can be sent to a worker process: a {@link Callable} that is also
 * {@link Serializable}, for {@code ProcessPoolExecutor.submit}. A lambda written where this type
 * is expected is serialisable; the same lambda typed as a plain {@code Callable} is not, and a
 * process pool refuses it with a {@link PicklingError} saying so.
 *
 * @param <R> what it returns
 */
@FunctionalInterface
public interface PicklableCallable<R> extends Callable<R>, Serializable {
}
