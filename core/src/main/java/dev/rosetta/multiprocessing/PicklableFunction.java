package dev.rosetta.multiprocessing;

import java.io.Serializable;

/**
 * A function that can be sent to a worker process: Java's face of Python's "it must pickle".
 * A lambda assigned to this type is serialisable, and so is everything it captures — or the
 * pool refuses it at submit with a {@link PicklingError} naming what cannot be sent.
 *
 * <pre>{@code
 * PicklableFunction<Integer, Integer> square = x -> x * x;          // fine
 * Thread t = Thread.currentThread();
 * PicklableFunction<Integer, String> bad = x -> t.getName() + x;    // captures a Thread: refused
 * }</pre>
 *
 * @param <T> what it takes
 * @param <R> what it returns
 */
@FunctionalInterface
public interface PicklableFunction<T, R> extends Serializable {
    /** Applies the function, in whichever process it was sent to. */
    R apply(T argument) throws Exception;
}
