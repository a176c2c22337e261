package dev.rosetta.distributed.ray;

import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.ray.RayRuntime;
import java.io.Serial;
import java.util.List;

/**
 * One try of a task, as a member runs it: read the arguments that are in the store (on this
 * member, not through the driver), call the function, keep a large result in the store.
 *
 * <p>Thread-safety: immutable; runs on one of the member's executor threads.
 *
 * @param function the function and its name
 * @param args the arguments: values, and {@link Stored} keys for objects in the store
 * @param key  the store key for the result, should it be large (the same on every try)
 */
record RunTask(RayRuntime.Call function, List<Object> args, String key) implements PicklableCallable<Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The result, or a {@link Stored} in its place; the function's exception passes through. */
    @Override
    public Object call() throws Exception {
        return Stored.keep(key, function.invoke(null, Stored.resolve(args)));
    }
}
