package dev.rosetta.exercises.threading;

import java.util.function.Supplier;

/**
 * Exercise {@code threading/lazy-init}: a value computed on first use, exactly once, however
 * many threads ask for it at the same time.
 *
 * <p>In Python:
 * <pre>
 * _config = None
 * _lock = threading.Lock()
 *
 * def config():
 *     global _config
 *     if _config is None:              # fast path: no lock once it exists
 *         with _lock:
 *             if _config is None:      # check again: someone may have made it while we waited
 *                 _config = load_config()
 *     return _config
 * </pre>
 *
 * <p>The supplier is expensive (it loads a file, opens a pool): calling it twice is the bug,
 * and so is handing two threads two different values. Right now {@link #get()} checks and then
 * acts, and two threads can both see "not yet" before either has stored the value. Run the tests
 * ({@code ./rosetta learn check threading/lazy-init}) and read what they say.
 *
 * <p>Chapter: docs/threading.md. Hints: {@code ./rosetta learn hint threading/lazy-init}.
 */
public class Lazy<T> {
    private final Supplier<T> supplier;
    private T value;

    /** A lazy value that {@code supplier} computes on the first {@link #get()}; the supplier never returns null. */
    public Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    /** The value: computed on the first call, by exactly one thread; every caller gets that same object. */
    public T get() {
        // TODO make this safe: two threads can both see null here, and both call the supplier.
        if (value == null) {
            value = supplier.get();
        }
        return value;
    }
}
