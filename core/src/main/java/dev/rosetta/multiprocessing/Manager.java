package dev.rosetta.multiprocessing;

import java.io.ObjectInputFilter;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code multiprocessing.Manager()}: objects that live in this process and are used
 * from others through proxies — a dict, a list, a value, an array, and the synchronisation
 * primitives {@code Lock}, {@code RLock}, {@code Semaphore}, {@code Event}, {@code Barrier}.
 *
 * <pre>{@code
 * try (var m = new Manager(); var pool = new Pool(2)) {        // with Manager() as m:
 *     var counts = m.<String, Integer>dict();                   //     counts = m.dict()
 *     var lock = m.lock();                                      //     lock = m.Lock()
 *     pool.map(x -> {
 *         try (var held = lock.hold()) {                        //     with lock:
 *             counts.set("n", counts.get("n", 0) + 1);          //         counts["n"] = counts.get("n", 0) + 1
 *         }
 *         return x;
 *     }, items);
 * }
 * }</pre>
 *
 * <p><b>How.</b> Each object is a plain Java object in this process, lent out by a
 * {@link Lender} on {@code 127.0.0.1}; a proxy is serialisable (address, token, number), so it can
 * be sent to workers inside a task. A proxy method sends its name and pickled arguments; the
 * owner runs it on the thread serving that connection and sends back the pickled result, or
 * the pickled exception, which the proxy throws again with its own type: {@code KeyError}
 * stays {@link NoSuchElementException}, {@code IndexError} {@link IndexOutOfBoundsException}.
 * Every call is a round trip, and {@code d.set(k, d.get(k) + 1)} is two of them with nothing
 * between: not atomic, exactly as in Python. Take a lock around it.
 *
 * <p><b>Checked against CPython 3.11</b> ({@code ManagerTest}): releasing an unheld
 * {@code Lock} raises {@code RuntimeError: release unlocked lock}, and an {@code RLock} held by
 * another thread {@code RuntimeError: cannot release un-acquired lock}, here
 * {@link IllegalMonitorStateException} with the same words; {@code acquire(timeout)} returns
 * false; a {@code Semaphore} may be released beyond its start value; {@code Barrier.wait}
 * returns each party's arrival index and a timeout breaks the barrier
 * ({@code BrokenBarrierError}, here {@link BrokenBarrierException}); {@code Event.wait(timeout)}
 * returns the flag.
 *
 * <p>Thread-safety: every proxy method may be called from any thread of any process.
 */
public final class Manager implements AutoCloseable {
    private final Lender lender = new Lender();
    private final List<String> allow;
    private final ObjectInputFilter filter;

    /**
     * Starts serving: {@code Manager()}.
     *
     * @param allow extra allow-list patterns for the classes of what the objects hold ({@link Pickle#allowList})
     */
    public Manager(String... allow) {
        this.allow = List.of(allow);
        this.filter = Pickle.allowList(this.allow);
    }

    private <P> P lend(Managed.Target target, java.util.function.BiFunction<Lender.Address, Integer, P> proxy) {
        return proxy.apply(lender.address(), lender.lend(new Managed(target, filter)));
    }

    /** {@code m.dict()}: an empty dict shared by every process that holds the proxy. */
    public <K, V> DictProxy<K, V> dict() {
        var map = new HashMap<Object, Object>();
        return lend((method, args, caller) -> {
            synchronized (map) {
                return switch (method) {
                    case "getitem" -> {
                        if (!map.containsKey(args.getFirst())) {
                            throw new NoSuchElementException("KeyError: " + args.getFirst());
                        }
                        yield map.get(args.getFirst());
                    }
                    case "get" -> map.getOrDefault(args.get(0), args.get(1));
                    case "setitem" -> map.put(args.get(0), args.get(1));
                    case "pop" -> map.remove(args.getFirst());
                    case "contains" -> map.containsKey(args.getFirst());
                    case "len" -> map.size();
                    case "copy" -> new HashMap<>(map);
                    default -> throw new UnsupportedOperationException(method);
                };
            }
        }, (address, id) -> new DictProxy<>(address, id, allow));
    }

    /** {@code m.list()}: an empty list shared by every process that holds the proxy. */
    public <T> ListProxy<T> list() {
        return list(List.of());
    }

    /** {@code m.list(items)}: a shared list starting with a copy of {@code items}. */
    public <T> ListProxy<T> list(List<T> items) {
        return lend(sequence(items), (address, id) -> new ListProxy<>(address, id, allow));
    }

    /** The owner's side of a list or an array: one {@code ArrayList}. */
    private static Managed.Target sequence(List<?> items) {
        var list = new ArrayList<Object>(items);
        return (method, args, caller) -> {
            synchronized (list) {
                return switch (method) {
                    case "append" -> list.add(args.getFirst());
                    case "getitem" -> list.get((Integer) args.getFirst());
                    case "setitem" -> list.set((Integer) args.get(0), args.get(1));
                    case "len" -> list.size();
                    case "copy" -> new ArrayList<>(list);
                    default -> throw new UnsupportedOperationException(method);
                };
            }
        };
    }

    /** {@code m.Value(typecode, value)}: one shared value, read and written whole. */
    public <T> ValueProxy<T> value(T initial) {
        var holder = new Object[] {initial};
        return lend((method, args, caller) -> {
            synchronized (holder) {
                return switch (method) {
                    case "get" -> holder[0];
                    case "set" -> holder[0] = args.getFirst();
                    default -> throw new UnsupportedOperationException(method);
                };
            }
        }, (address, id) -> new ValueProxy<>(address, id, allow));
    }

    /** {@code m.Array(typecode, items)}: a shared array of fixed length. */
    public <T> ArrayProxy<T> array(List<T> items) {
        return lend(sequence(items), (address, id) -> new ArrayProxy<>(address, id, allow));
    }

    /** {@code m.Lock()}: a lock any thread of any process may release (as Python's). */
    public AcquirerProxy lock() {
        var permit = new Semaphore(1);
        return lend((method, args, caller) -> switch (method) {
            case "acquire" -> acquire(permit, (Long) args.getFirst());
            case "release" -> {
                synchronized (permit) {
                    if (permit.availablePermits() > 0) {
                        throw new IllegalMonitorStateException("release unlocked lock");
                    }
                    permit.release();
                }
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        }, (address, id) -> new AcquirerProxy(address, id, allow));
    }

    /** {@code m.Semaphore(value)}: {@code value} permits; releasing more than were taken is allowed, as in Python. */
    public AcquirerProxy semaphore(int value) {
        var permits = new Semaphore(value);
        return lend((method, args, caller) -> switch (method) {
            case "acquire" -> acquire(permits, (Long) args.getFirst());
            case "release" -> {
                permits.release();
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        }, (address, id) -> new AcquirerProxy(address, id, allow));
    }

    private static boolean acquire(Semaphore permits, long timeoutNanos) throws InterruptedException {
        if (timeoutNanos < 0) {
            permits.acquire();
            return true;
        }
        return permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** {@code m.RLock()}: a lock its holder may take again; only the holding thread (of its process) may release it. */
    public AcquirerProxy rlock() {
        var rlock = new OwnedLock();
        return lend((method, args, caller) -> switch (method) {
            case "acquire" -> rlock.acquire(caller, (Long) args.getFirst());
            case "release" -> {
                rlock.release(caller);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        }, (address, id) -> new AcquirerProxy(address, id, allow));
    }

    /** {@code m.Event()}: a flag to set, clear and wait for. */
    public EventProxy event() {
        var flag = new OwnedEvent();
        return lend((method, args, caller) -> switch (method) {
            case "set" -> flag.set(true);
            case "clear" -> flag.set(false);
            case "is_set" -> flag.isSet();
            case "wait" -> flag.await((Long) args.getFirst());
            default -> throw new UnsupportedOperationException(method);
        }, (address, id) -> new EventProxy(address, id, allow));
    }

    /** {@code m.Barrier(parties)}: waits until {@code parties} callers wait, then lets them all go. */
    public BarrierProxy barrier(int parties) {
        var barrier = new CyclicBarrier(parties);
        return lend((method, args, caller) -> switch (method) {
            case "wait" -> {
                long timeoutNanos = (Long) args.getFirst();
                // Java counts down (the first to arrive gets parties - 1), Python counts up from 0
                int left = timeoutNanos < 0 ? barrier.await() : barrier.await(timeoutNanos, TimeUnit.NANOSECONDS);
                yield parties - 1 - left;
            }
            case "broken" -> barrier.isBroken();
            default -> throw new UnsupportedOperationException(method);
        }, (address, id) -> new BarrierProxy(address, id, allow));
    }

    /** Stops serving: {@code m.shutdown()}. Proxies fail afterwards; a call still waiting fails too. */
    @Override
    public void close() {
        lender.address().forget();
        lender.close();
    }

    /** Python's {@code RLock} inside the manager: its holder is a thread of a process ({@link Lender#caller()}). */
    private static final class OwnedLock {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition free = lock.newCondition();
        // @GuardedBy("lock")
        private long owner;
        // @GuardedBy("lock")
        private int count;

        boolean acquire(long caller, long timeoutNanos) throws InterruptedException {
            lock.lock();
            try {
                if (!Conditions.awaitWhile(free, () -> count > 0 && owner != caller, timeoutNanos)) {
                    return false;
                }
                owner = caller;
                count++;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void release(long caller) {
            lock.lock();
            try {
                if (count == 0 || owner != caller) {
                    throw new IllegalMonitorStateException("cannot release un-acquired lock");
                }
                if (--count == 0) {
                    free.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Python's {@code threading.Event} inside the manager. */
    private static final class OwnedEvent {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        // @GuardedBy("lock")
        private boolean flag;

        Object set(boolean value) {
            lock.lock();
            try {
                flag = value;
                changed.signalAll();
                return null;
            } finally {
                lock.unlock();
            }
        }

        boolean isSet() {
            lock.lock();
            try {
                return flag;
            } finally {
                lock.unlock();
            }
        }

        boolean await(long timeoutNanos) throws InterruptedException {
            lock.lock();
            try {
                return Conditions.awaitWhile(changed, () -> !flag, timeoutNanos);
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- the proxies: what other processes hold -------------------------------------------

    /**
     * What every proxy is: the owner's address, the object's number, and the allow-list for
     * reading answers. Python's {@code BaseProxy}.
     */
    abstract static sealed class Proxy implements Serializable
            permits DictProxy, SequenceProxy, ValueProxy, AcquirerProxy, EventProxy, BarrierProxy {
        @Serial
        private static final long serialVersionUID = 1L;
        /** What a remote exception may be: the JDK's concurrency exceptions besides the defaults. */
        private static final String CONCURRENT = "java.util.concurrent.*";
        private final Lender.Address owner;
        private final int id;
        private final List<String> allow;

        Proxy(Lender.Address owner, int id, List<String> allow) {
            this.owner = owner;
            this.id = id;
            this.allow = allow;
        }

        /** {@code _callmethod(method, args)}: the result, or the owner's exception raised here again. */
        final Object call(String method, Object... args) throws InterruptedException {
            try {
                return callChecked(method, args);
            } catch (BrokenBarrierException | TimeoutException notHere) {
                throw new IllegalStateException(notHere);
            }
        }

        /** As {@link #call}, letting a barrier's checked exceptions through. */
        final Object callChecked(String method, Object... args)
                throws InterruptedException, BrokenBarrierException, TimeoutException {
            Lender.Reply reply = owner.call(id, Managed.CALL, -1, Managed.call(method, args));
            var extra = new ArrayList<>(allow);
            extra.add(CONCURRENT);
            Object value = Pickle.loads(reply.payload(), Pickle.allowList(extra));
            if (reply.status() == Managed.RETURNED) {
                return value;
            }
            switch (value) {
                case RuntimeException e -> throw e;
                case BrokenBarrierException e -> throw e;
                case TimeoutException e -> throw e;
                case InterruptedException e -> throw e;
                default -> throw new IllegalStateException("the shared object raised " + value, (Throwable) value);
            }
        }

        static long nanos(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("'timeout' must be a non-negative number, was " + timeout);
            }
            return timeout.toNanos();
        }
    }

    /** Python's {@code DictProxy}: {@code d[k]}, {@code d.get(k, default)}, {@code d[k] = v}, {@code k in d}, {@code len(d)}. */
    public static final class DictProxy<K, V> extends Proxy {
        @Serial
        private static final long serialVersionUID = 1L;

        DictProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /**
         * {@code d[key]}.
         *
         * @throws NoSuchElementException if the key is not there (Python's {@code KeyError})
         */
        @SuppressWarnings("unchecked")
        public V getItem(K key) throws InterruptedException {
            return (V) call("getitem", key);
        }

        /** {@code d.get(key)}: the value, or null (Python's None). */
        public V get(K key) throws InterruptedException {
            return get(key, null);
        }

        /** {@code d.get(key, default)}. */
        @SuppressWarnings("unchecked")
        public V get(K key, V otherwise) throws InterruptedException {
            return (V) call("get", key, otherwise);
        }

        /** {@code d[key] = value}. */
        public void set(K key, V value) throws InterruptedException {
            call("setitem", key, value);
        }

        /** {@code d.pop(key, None)}: the value removed, or null. */
        @SuppressWarnings("unchecked")
        public V pop(K key) throws InterruptedException {
            return (V) call("pop", key);
        }

        /** {@code key in d}. */
        public boolean contains(K key) throws InterruptedException {
            return (Boolean) call("contains", key);
        }

        /** {@code len(d)}. */
        public int len() throws InterruptedException {
            return (Integer) call("len");
        }

        /** {@code d.copy()}: a plain map of this process, a snapshot. */
        @SuppressWarnings("unchecked")
        public Map<K, V> copy() throws InterruptedException {
            return (Map<K, V>) call("copy");
        }
    }

    /** What a list and an array proxy share: {@code s[i]}, {@code s[i] = v}, {@code len(s)}, {@code s[:]}. */
    public abstract static sealed class SequenceProxy<T> extends Proxy permits ListProxy, ArrayProxy {
        @Serial
        private static final long serialVersionUID = 1L;

        SequenceProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /**
         * {@code s[index]}.
         *
         * @throws IndexOutOfBoundsException if there is no such index (Python's {@code IndexError})
         */
        @SuppressWarnings("unchecked")
        public T get(int index) throws InterruptedException {
            return (T) call("getitem", index);
        }

        /** {@code s[index] = item}. */
        public void set(int index, T item) throws InterruptedException {
            call("setitem", index, item);
        }

        /** {@code len(s)}. */
        public int len() throws InterruptedException {
            return (Integer) call("len");
        }

        /** {@code list(s)} / {@code s[:]}: a plain list of this process, a snapshot. */
        @SuppressWarnings("unchecked")
        public List<T> copy() throws InterruptedException {
            return (List<T>) call("copy");
        }
    }

    /** Python's {@code ListProxy}: a sequence that also grows, {@code l.append(item)}. */
    public static final class ListProxy<T> extends SequenceProxy<T> {
        @Serial
        private static final long serialVersionUID = 1L;

        ListProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /** {@code l.append(item)}. */
        public void append(T item) throws InterruptedException {
            call("append", item);
        }
    }

    /** Python's {@code ValueProxy}: {@code v.value} to read, {@code v.value = x} to write (each a round trip). */
    public static final class ValueProxy<T> extends Proxy {
        @Serial
        private static final long serialVersionUID = 1L;

        ValueProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /** {@code v.value}. */
        @SuppressWarnings("unchecked")
        public T value() throws InterruptedException {
            return (T) call("get");
        }

        /** {@code v.value = newValue}. */
        public void value(T newValue) throws InterruptedException {
            call("set", newValue);
        }
    }

    /** Python's {@code ArrayProxy}: a sequence of fixed length. */
    public static final class ArrayProxy<T> extends SequenceProxy<T> {
        @Serial
        private static final long serialVersionUID = 1L;

        ArrayProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }
    }

    /** Python's {@code AcquirerProxy}, for {@code Lock}, {@code RLock} and {@code Semaphore}. */
    public static final class AcquirerProxy extends Proxy {
        @Serial
        private static final long serialVersionUID = 1L;

        AcquirerProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /** {@code acquire()}: waits as long as it takes. */
        public void acquire() throws InterruptedException {
            call("acquire", -1L);
        }

        /** {@code acquire(timeout=t)}: whether it was acquired by then. */
        public boolean acquire(Duration timeout) throws InterruptedException {
            return (Boolean) call("acquire", nanos(timeout));
        }

        /**
         * {@code release()}.
         *
         * @throws IllegalMonitorStateException a lock not held, or an RLock held by another thread
         *                                      (Python's {@code RuntimeError})
         */
        public void release() throws InterruptedException {
            call("release");
        }

        /** {@code with lock:} — acquires now, releases when the returned resource is closed. */
        public Held hold() throws InterruptedException {
            acquire();
            return this::release;
        }

        /** What {@link #hold()} returns: closing it releases. */
        @FunctionalInterface
        public interface Held extends AutoCloseable {
            @Override
            void close() throws InterruptedException;
        }
    }

    /** Python's {@code EventProxy}: {@code set}, {@code clear}, {@code is_set}, {@code wait(timeout)}. */
    public static final class EventProxy extends Proxy {
        @Serial
        private static final long serialVersionUID = 1L;

        EventProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /** {@code e.set()}: wakes every waiter. */
        public void set() throws InterruptedException {
            call("set");
        }

        /** {@code e.clear()}. */
        public void clear() throws InterruptedException {
            call("clear");
        }

        /** {@code e.is_set()}. */
        public boolean isSet() throws InterruptedException {
            return (Boolean) call("is_set");
        }

        /** {@code e.wait()}: until it is set. */
        public void await() throws InterruptedException {
            call("wait", -1L);
        }

        /** {@code e.wait(timeout)}: the flag when it returns (false if the time ran out). */
        public boolean await(Duration timeout) throws InterruptedException {
            return (Boolean) call("wait", nanos(timeout));
        }
    }

    /** Python's {@code BarrierProxy}: {@code wait(timeout)} and {@code broken}. */
    public static final class BarrierProxy extends Proxy {
        @Serial
        private static final long serialVersionUID = 1L;

        BarrierProxy(Lender.Address owner, int id, List<String> allow) {
            super(owner, id, allow);
        }

        /**
         * {@code b.wait()}: the caller's arrival index, 0 for the first.
         *
         * @throws BrokenBarrierException the barrier was broken (Python's {@code BrokenBarrierError})
         */
        public int await() throws InterruptedException, BrokenBarrierException {
            return await(-1);
        }

        /**
         * {@code b.wait(timeout)}. A timeout breaks the barrier for everyone, as in Python.
         *
         * @throws BrokenBarrierException the barrier was broken or the time ran out
         */
        public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
            return await(nanos(timeout));
        }

        private int await(long timeoutNanos) throws InterruptedException, BrokenBarrierException {
            try {
                return (Integer) callChecked("wait", timeoutNanos);
            } catch (TimeoutException e) {
                throw (BrokenBarrierException) new BrokenBarrierException("the barrier timed out and is broken").initCause(e);
            }
        }

        /** {@code b.broken}. */
        public boolean broken() throws InterruptedException {
            return (Boolean) call("broken");
        }
    }
}
