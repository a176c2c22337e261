package dev.rosetta.asyncio;

/**
 * Python's {@code asyncio.BoundedSemaphore}: a {@link Semaphore} that refuses to be released more
 * often than it was acquired, which would silently raise the limit. Releasing it beyond its
 * initial value throws {@link IllegalArgumentException} (Python's
 * {@code ValueError('BoundedSemaphore released too many times')}).
 *
 * <p>The JDK's {@link java.util.concurrent.Semaphore} has no bounded form: its {@code release()}
 * beyond the initial permits just adds permits (as Python's plain {@code Semaphore} does).
 *
 * <p>Thread-safety: loop-only, like {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A semaphore with {@code value} permits, never more. */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /** Returns a permit; throws if every permit is already free (released too many times). */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalArgumentException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
