package dev.rosetta.asyncio;

import java.util.concurrent.locks.LockSupport;

/**
 * Python's {@code asyncio.Task}: a coroutine scheduled on the loop, and the future of its result.
 *
 * <p>The idea: a task runs its {@link Coroutine} as plain sequential Java on a virtual thread of
 * its own, but only while the loop lets it. The loop and its tasks pass one baton: a
 * <em>step</em> is the loop handing the baton to the task and parking until the task hands it
 * back, which it does only at an await point (or when it ends). So exactly one task runs at a
 * time, and switches happen only where the code awaits, as in Python.
 *
 * <pre>
 *  loop thread                      task's virtual thread
 *  step():  hasBaton = true ---->   runs the body ... until await(fut):
 *           park while hasBaton       waitingOn = fut; fut.addDoneCallback(wakeUp)
 *           &lt;-------------------     hasBaton = false; unpark(loop); park while !hasBaton
 *  runs other callbacks ...
 *  fut done: wakeUp -> step() ---->   returns from await (or throws CancelledError)
 * </pre>
 *
 * <p>Cancellation ({@link #cancel()}) is a request: if the task is awaiting a future, that
 * future is cancelled, which wakes the task with a {@link CancelledError} at its await point;
 * otherwise the error is thrown at the task's next await point after it next resumes. A task
 * cancelled before its first step never runs its body.
 *
 * <p>Thread-safety: loop-only, like {@link Future}. The body runs on the task's own virtual
 * thread (named after the task), never concurrently with the loop or another task of the loop;
 * the {@code volatile} baton hand-off gives each step a happens-before edge with the previous
 * one, so a task sees everything the loop and other tasks did before it resumed.
 *
 * @param <T> the coroutine's result type
 */
public final class Task<T> extends Future<T> {
    private static final ThreadLocal<Task<?>> CURRENT = new ThreadLocal<>();

    private final Coroutine<T> coroutine;
    private final String name;
    /** The task's virtual thread, created at its first step. Loop-confined. */
    Thread thread;
    /** The thread that handed over the baton for the current step: the loop thread. */
    private Thread stepper;
    /** The baton: true while this task runs and the loop waits. The only cross-thread field. */
    private volatile boolean hasBaton;
    /** The future this task awaits, or null while it runs or is scheduled. Loop-confined. */
    private Future<?> waitingOn;
    private boolean mustCancel;
    private String cancelMessage;
    private int cancelRequests;

    Task(EventLoop loop, Coroutine<T> coroutine, String name) {
        super(loop);
        this.coroutine = coroutine;
        this.name = name;
    }

    /** The task running on this thread, or null outside any task (Python: {@code asyncio.current_task()}). */
    public static Task<?> current() {
        return CURRENT.get();
    }

    static Task<?> requireCurrent(EventLoop loop, String what) {
        Task<?> task = CURRENT.get();
        if (task == null) {
            throw new IllegalStateException(what + " outside a task: only a coroutine running on an EventLoop"
                    + " (Asyncio.run, loop.createTask) can suspend; on "
                    + Thread.currentThread() + ". Callbacks must not block: schedule a task instead.");
        }
        if (loop != null && task.loop != loop) {
            throw new IllegalStateException(what + ": the future belongs to another event loop than task "
                    + task.name + "'s");
        }
        return task;
    }

    /** The task's name (Python: {@code task.get_name()}); its virtual thread has the same name. */
    public String getName() {
        return name;
    }

    /** How many cancel requests are pending (Python 3.11: {@code task.cancelling()}). */
    public int cancelling() {
        return cancelRequests;
    }

    /** Withdraws one cancel request, as {@code asyncio.timeout} does when it turns one into a timeout; how many remain. */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
        }
        if (cancelRequests == 0) {
            mustCancel = false;
        }
        return cancelRequests;
    }

    /** A task's result comes from its coroutine: always throws (as Python's Task does). */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support setResult(): its coroutine's return value is its result");
    }

    /** A task's exception comes from its coroutine: always throws (as Python's Task does). */
    @Override
    public void setException(Throwable error) {
        throw new UnsupportedOperationException("Task does not support setException(): its coroutine's exception is its exception");
    }

    /**
     * Asks the task to stop: a {@link CancelledError} is thrown at its current or next await
     * point. True if the request was made (the task was not done). Loop-only.
     */
    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        cancelRequests++;
        if (waitingOn != null && waitingOn.cancel(message)) {
            // the awaited future's done callback wakes us; its result() throws CancelledError
            return true;
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
    }

    /** One step: hand this task the baton and wait until it awaits or ends. Runs on the loop thread. */
    void step() {
        if (isDone()) {
            return;
        }
        if (thread == null) {
            if (mustCancel) {
                super.cancel(cancelMessage);
                loop.taskDone(this);
                return;
            }
            thread = Thread.ofVirtual().name(name).unstarted(this::body);
            handOver();
            thread.start();
        } else {
            handOver();
            LockSupport.unpark(thread);
        }
        while (hasBaton) {
            LockSupport.park(this);
        }
        loop.leaveTask(this);
    }

    private void handOver() {
        stepper = Thread.currentThread();
        loop.enterTask(this);
        hasBaton = true;
    }

    private void body() {
        CURRENT.set(this);
        try {
            T value = coroutine.run();
            super.setResult(value);
        } catch (CancelledError e) {
            super.cancel(e.getMessage());
        } catch (Throwable e) {
            super.setException(e);
        } finally {
            CURRENT.remove();
            loop.taskDone(this);
            hasBaton = false;
            LockSupport.unpark(stepper);
        }
    }

    /** On this task's thread: wait for {@code fut} without holding the loop. */
    void suspendOn(Future<?> fut) {
        waitingOn = fut;
        addWakeUp(fut);
        suspend();
    }

    private <X> void addWakeUp(Future<X> fut) {
        fut.addDoneCallback(this::wakeUp);
    }

    private void wakeUp(Future<?> fut) {
        if (waitingOn == fut) {
            waitingOn = null;
            step();
        }
    }

    /** Gives the baton back to the loop, waits for the next step, then delivers a pending cancel. */
    private void suspend() {
        hasBaton = false;
        LockSupport.unpark(stepper);
        while (!hasBaton) {
            LockSupport.park(this);
        }
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(cancelMessage);
        }
    }

    /** Called by the loop for a new task. */
    void schedule() {
        loop.callSoon(this::step, this);
    }

    @Override
    public String toString() {
        return "<Task " + stateName() + " name='" + name + "'>";
    }
}
