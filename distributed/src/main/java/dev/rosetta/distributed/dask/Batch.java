package dev.rosetta.distributed.dask;

import dev.rosetta.dask.Scheduler;
import dev.rosetta.dask.Task;
import dev.rosetta.distributed.ObjectRef;
import dev.rosetta.distributed.ObjectStore;
import dev.rosetta.distributed.Worker;
import dev.rosetta.multiprocessing.PicklableCallable;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Several ready tasks of a graph, sent to one member in one message and run there one after
 * another: what dask.distributed's scheduler sends a worker in one batched {@code compute-task}
 * stream. One message per task would cost a network round trip each; a batch pays it once.
 *
 * <p>On the member each task reads its inputs from the store (on this member when the batch was
 * placed near them), runs, and writes its value to the store under its key if other tasks need it.
 * What comes back is an {@code Object[]}, one entry per task: the value itself when the caller wants it, {@code null}
 * when it is only in the store, or a {@link Lost} naming the inputs the store did not have (lost
 * with a member, or released): the scheduler recomputes them and sends the task again.
 *
 * @param prefix   the run's prefix of store keys
 * @param tasks    ready tasks: every input is in the store
 * @param keep     per task: write its value to the store (other tasks need it)
 * @param giveBack per task: return its value (the caller wants it)
 */
record Batch(String prefix, List<Task> tasks, boolean[] keep, boolean[] giveBack) implements PicklableCallable<Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Object call() {
        ObjectStore store = Worker.current().cluster().store();
        var out = new Object[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            var inputs = new ArrayList<Object>(task.dependencies().size());
            List<String> missing = null;
            for (String d : task.dependencies()) {
                try {
                    inputs.add(store.get(new ObjectRef<>(prefix + d)));
                } catch (NoSuchElementException lost) {
                    missing = missing == null ? new ArrayList<>() : missing;
                    missing.add(d);
                }
            }
            if (missing != null) {
                out[i] = new Lost(missing);
                continue;
            }
            try {
                Object value = Scheduler.run(task, inputs);
                if (keep[i]) {
                    store.put(prefix + task.key(), value);
                }
                out[i] = giveBack[i] ? value : null;
            } catch (Exception raised) {
                throw new TaskFailed("task " + task.key() + " [" + task.label() + "] failed on "
                        + Worker.current().self() + ": " + raised, raised);
            }
        }
        return out;
    }

    /** A task could not run: these inputs were not in the store. */
    record Lost(List<String> keys) implements Serializable {
    }

    /**
     * A task raised on its member: names the task and the member; its cause is the task's own
     * exception. The scheduler raises that exception in the caller, this one attached to it.
     */
    static final class TaskFailed extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        TaskFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Deletes values no task needs any more: dask.distributed's {@code free-keys} message to a worker. */
    record Release(List<String> storeKeys) implements PicklableCallable<Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer call() {
            ObjectStore store = Worker.current().cluster().store();
            for (String key : storeKeys) {
                store.delete(new ObjectRef<>(key));
            }
            return storeKeys.size();
        }
    }
}
