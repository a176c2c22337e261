package dev.rosetta.distributed.ray;

import dev.rosetta.distributed.ObjectRef;
import dev.rosetta.distributed.Worker;
import dev.rosetta.multiprocessing.Pickle;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a large object lives: its key in the cluster's {@code IMap}. Ray keeps a small object
 * inline, in the memory of the process that owns its ref, and a large one in the object store;
 * so does this runtime. A task's result of more than {@value #INLINE_LIMIT_BYTES} bytes is put
 * into the store by the member that computed it, and only its key travels back; a task that takes
 * it as an argument receives the key and reads the object on its own member.
 *
 * <p>Thread-safety: immutable.
 *
 * @param key the object's key in the store
 */
record Stored(String key) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Ray's {@code max_direct_call_object_size}: above it, an object goes to the store. */
    static final int INLINE_LIMIT_BYTES = 100 * 1024;

    /** On a member: {@code result} itself if small, else stored under {@code key} and a {@code Stored} in its place. */
    static Object keep(String key, Object result) {
        if (small(result)) {
            return result;
        }
        Worker.current().cluster().store().put(key, result);
        return new Stored(key);
    }

    private static boolean small(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean || value instanceof Character
                || Pickle.dumps(value).length <= INLINE_LIMIT_BYTES;
    }

    /** On a member: the arguments as the function takes them, every {@code Stored} read from the store here. */
    static List<Object> resolve(List<Object> args) {
        var values = new ArrayList<>(args.size());
        for (Object arg : args) {
            values.add(arg instanceof Stored stored
                    ? Worker.current().cluster().store().get(new ObjectRef<>(stored.key()))
                    : arg);
        }
        return values;
    }
}
