package dev.rosetta.asyncio;

import dev.rosetta.common.Waiting;
import java.util.ArrayList;
import java.util.List;

/**
 * Python 3.11's {@code asyncio.TaskGroup}: structured concurrency. Every task started in the group
 * is finished when the group's block returns; <b>the first failure cancels the rest</b> (and the
 * block itself, at its next await), and every failure is thrown together as an
 * {@link ExceptionGroup}. Compare {@link Asyncio#gather}, which leaves siblings running.
 *
 * <pre>{@code
 * # Python                                       // Java
 * async with asyncio.TaskGroup() as tg:          TaskGroup.run(tg -> {
 *     tg.create_task(fetch("a"))                     tg.createTask(() -> fetch("a"));
 *     tg.create_task(fetch("b"))                     tg.createTask(() -> fetch("b"));
 *                                                });
 * }</pre>
 *
 * <p>Thread-safety: loop-only. {@link #run} must be called from a task; the body runs in that
 * task, the children in their own tasks of the same loop.
 */
public final class TaskGroup {
    /** The body of an {@code async with TaskGroup() as tg:} block. */
    @FunctionalInterface
    public interface Body {
        /** Starts tasks with {@code tg.createTask}; may await. */
        void run(TaskGroup tg) throws Exception;
    }

    private final Task<?> parent;
    private final List<Task<?>> tasks = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean aborting;
    private boolean exited;
    private boolean parentCancelledByUs;
    private Future<Void> allDone;
    private int pending;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
    }

    /**
     * Runs {@code body} in the calling task, then waits for every task it started. If a child
     * fails, the others (and the body) are cancelled, and an {@link ExceptionGroup} of every
     * failure is thrown once all have ended.
     */
    public static void run(Body body) {
        Task<?> parent = Task.requireCurrent(null, "TaskGroup.run");
        var group = new TaskGroup(parent);
        Throwable bodyError = null;
        try {
            body.run(group);
        } catch (Throwable t) {
            bodyError = t;
        }
        group.exit(bodyError);
    }

    /** Starts {@code coroutine} as a task of the group (Python: {@code tg.create_task}). */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(null, coroutine);
    }

    /** {@link #createTask(Coroutine)} with a name. */
    public <T> Task<T> createTask(String name, Coroutine<T> coroutine) {
        if (exited) {
            throw new IllegalStateException("TaskGroup is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup is shutting down");
        }
        EventLoop loop = parent.loop;
        Task<T> task = name == null ? loop.createTask(coroutine) : loop.createTask(name, coroutine);
        tasks.add(task);
        pending++;
        task.addDoneCallback(this::onChildDone);
        return task;
    }

    private void onChildDone(Future<?> child) {
        pending--;
        if (allDone != null && pending == 0 && !allDone.isDone()) {
            allDone.setResult(null);
        }
        if (child.isCancelled()) {
            return;
        }
        Throwable error = child.exception();
        if (error == null) {
            return;
        }
        errors.add(error);
        if (!aborting) {
            abort();
            if (!exited && !parent.isDone()) {
                // the body is still running: stop it at its next await, as Python does
                parentCancelledByUs = true;
                parent.cancel("a task of its TaskGroup failed");
            }
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            if (!task.isDone()) {
                task.cancel("a sibling in the TaskGroup failed");
            }
        }
    }

    private void exit(Throwable bodyError) {
        if (bodyError instanceof CancelledError && parentCancelledByUs) {
            parent.uncancel();
            bodyError = null;
        } else if (bodyError != null && !(bodyError instanceof CancelledError)) {
            errors.addFirst(bodyError);
            if (!aborting) {
                abort();
            }
        } else if (bodyError != null) {
            abort(); // the parent itself was cancelled: take the children down with it
        }
        while (pending > 0) {
            allDone = parent.loop.createFuture();
            try {
                allDone.await();
            } catch (CancelledError e) {
                if (parentCancelledByUs && parent.cancelling() > 0) {
                    parent.uncancel();
                } else {
                    bodyError = e;
                    abort();
                }
            }
        }
        exited = true;
        if (!errors.isEmpty()) {
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
        if (bodyError != null) {
            throw Waiting.rethrowable(bodyError);
        }
        if (parentCancelledByUs && parent.cancelling() > 0) {
            parent.uncancel();
        }
    }
}
