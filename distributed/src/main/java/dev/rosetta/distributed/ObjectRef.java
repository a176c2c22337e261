package dev.rosetta.distributed;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * The name of an object in a cluster's {@link ObjectStore}: ray's {@code ObjectRef}, a key of
 * dask.distributed's worker data. Small and serialisable, so it travels inside tasks in place of
 * the object itself; a task on a member reads the object with
 * {@code Worker.current().cluster().store().get(ref)}, and {@link Cluster#submit(dev.rosetta.multiprocessing.PicklableCallable, Object)}
 * with the ref as placement key runs the task on the member that holds it.
 *
 * @param key the object's key in the store: a generated {@code obj-...} or the name it was put under
 * @param <T> the object's type (not checked across the wire: a ref is just a name)
 */
public record ObjectRef<T>(String key) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A ref to the object stored under {@code key}. */
    public ObjectRef {
        Objects.requireNonNull(key, "key");
    }
}
