package dev.rosetta.asyncio;

/**
 * An {@code async def}: a body of ordinary sequential Java that may suspend at its await points
 * ({@link Future#await()}, {@link Asyncio#sleep}, {@link Queue#get()}, ...).
 *
 * <p>Python: {@code async def fetch(): ...; return value}. Here: {@code Coroutine<String> fetch = () -> ...}.
 * Calling {@code fetch()} in Python makes a coroutine object that does nothing until scheduled;
 * here the lambda is that object, and {@link EventLoop#createTask} or {@link Asyncio#run} schedules it.
 *
 * <p>Threading: the body runs on the virtual thread of the {@link Task} that wraps it, and only
 * while the loop has handed that task the baton: never at the same time as another task or
 * callback of the same loop. Between two await points it owns the loop's state: no locks needed.
 *
 * @param <T> the type of the value the body returns (Python's return value; {@code Void} for none)
 */
@FunctionalInterface
public interface Coroutine<T> {
    /** The body. Runs inside a task; may await. Its return value becomes the task's result. */
    T run() throws Exception;
}
