package dev.rosetta.multiprocessing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turning objects into bytes and back, for crossing to another process: Python's
 * {@code pickle}, done with Java serialisation.
 *
 * <p>Two lessons of pickle carry over. First, not everything can be sent: a lambda that
 * captures a thread, a socket or a lock cannot be. {@link #dumps} says which object is at fault.
 * Second, reading bytes runs code (a class's {@code readObject}, a lambda's factory), so bytes
 * from anyone but ourselves must not be trusted: {@link #allowList} builds an
 * {@link ObjectInputFilter} that admits only the classes a pool needs — the JDK's plain data
 * types, this project's classes and whatever the caller adds — and refuses the rest by name.
 *
 * <p>Thread-safety: stateless; a filter may be shared by any number of streams.
 */
public final class Pickle {
    /** What any pool may read: plain JDK data, lambdas, this project's classes, arrays of those. */
    public static final List<String> DEFAULT_ALLOWED = List.of(
            "java.lang.*", "java.util.*", "java.math.*", "java.time.*", "java.lang.invoke.SerializedLambda",
            "dev.rosetta.**");

    private Pickle() {
    }

    /**
     * The bytes of {@code value}.
     *
     * @throws PicklingError naming the class that cannot be serialised and what held it
     */
    public static byte[] dumps(Object value) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw notPicklable(value, e);
        } catch (IOException e) {
            throw new PicklingError("cannot serialise " + describe(value) + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Whether values will serialise, checked by serialising them into nothing: a value that holds
     * something unserialisable deep inside (a list of threads) is caught here, in the sender,
     * before a half-written value can break a pipe. Plain numbers, booleans and strings pass at
     * no cost, as {@link Wire} sends them without serialisation.
     *
     * <p>Thread-safety: not thread-safe; one thread uses a checker.
     */
    static final class Checker {
        private ObjectOutputStream sink;
        private int checked;

        /** Checks {@code value}; {@code what} names it in the error ("item 3", "the result of task 0"). */
        void check(Object value, String what) {
            if (value != null && value.getClass() == java.util.ArrayList.class) {
                var list = (java.util.ArrayList<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    checkOne(list.get(i), what, i);
                }
                return;
            }
            checkOne(value, what, -1);
        }

        /** Checks one value; its description ({@code what}, and {@code element} when it is one of a list's) is made only for an error. */
        private void checkOne(Object value, String whatHolds, int element) {
            if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
                return;
            }
            try {
                if (sink == null) {
                    sink = new ObjectOutputStream(java.io.OutputStream.nullOutputStream());
                }
                sink.writeObject(value);
                if (++checked % Wire.RESET_EVERY == 0) {
                    sink.reset();
                }
            } catch (NotSerializableException e) {
                sink = null;
                String what = element < 0 ? whatHolds : whatHolds + ", element " + element;
                String why = value.getClass().getName().equals(e.getMessage()) ? "it is not Serializable"
                        : "it holds a " + e.getMessage() + ", which is not Serializable";
                throw new PicklingError("cannot send " + what + " (" + describe(value) + ") to another process: " + why
                        + (describe(value).startsWith("a lambda") ? ". Capture only plain data (numbers, strings, records,"
                        + " lists) in the lambda, and create threads, sockets, locks and files inside the task instead." : ""), e);
            } catch (IOException e) {
                sink = null;
                String what = element < 0 ? whatHolds : whatHolds + ", element " + element;
                throw new PicklingError("cannot serialise " + what + " (" + describe(value) + "): " + e, e);
            }
        }
    }

    /** The object in {@code bytes}, read through {@code filter}. */
    public static Object loads(byte[] bytes, ObjectInputFilter filter) {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw refused(e);
        } catch (IOException | ClassNotFoundException e) {
            throw new PicklingError("cannot read the object back: " + e, e);
        }
    }

    /** A filter admitting {@link #DEFAULT_ALLOWED} plus {@code extra} patterns, refusing all else. */
    public static ObjectInputFilter allowList(List<String> extra) {
        return new AllowList(extra);
    }

    /**
     * An allow-list that can be widened: a worker widens its own by the package of each function
     * its pool sends (the pool chose to send that code, so the classes beside it are trusted
     * too); nothing else ever widens it.
     *
     * <p>Thread-safety: {@link #allow} and {@link #checkInput} may be called from any thread.
     */
    static final class AllowList implements ObjectInputFilter {
        private final List<String> patterns = new ArrayList<>(DEFAULT_ALLOWED);
        private volatile ObjectInputFilter rules;

        AllowList(List<String> extra) {
            patterns.addAll(extra);
            rules = compile();
        }

        /** Admits {@code pattern} too (ObjectInputFilter syntax: {@code com.example.*}). */
        synchronized void allow(String pattern) {
            if (!patterns.contains(pattern)) {
                patterns.add(pattern);
                rules = compile();
            }
        }

        private ObjectInputFilter compile() {
            return ObjectInputFilter.Config.createFilter(String.join(";", patterns) + ";!*");
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = rules.checkInput(info);
            if (status == Status.REJECTED && info.serialClass() != null) {
                LAST_REFUSED.set(info.serialClass().getName());
            }
            return status;
        }
    }

    /** The allow-list pattern for the package of the code {@code function} was written in. */
    static String packageOf(Object function) {
        String pkg = function.getClass().getPackageName();
        if (!pkg.isEmpty()) {
            return pkg + ".*";
        }
        String name = function.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return (lambda < 0 ? name : name.substring(0, lambda)) + "*";
    }

    /** The class the filter last refused on this thread, to name it in the error. */
    private static final ThreadLocal<String> LAST_REFUSED = new ThreadLocal<>();

    static PicklingError notPicklable(Object value, NotSerializableException e) {
        return new PicklingError("cannot send " + describe(value) + " to another process: it holds a "
                + e.getMessage() + ", which is not Serializable. Everything sent to a worker must be:"
                + " capture only plain data (numbers, strings, records, lists) in the lambda, and create"
                + " threads, sockets, locks and files inside the task instead.", e);
    }

    static PicklingError refused(InvalidClassException e) {
        String refused = LAST_REFUSED.get();
        LAST_REFUSED.remove();
        return new PicklingError("refused to read " + (refused != null ? refused : e.classname != null ? e.classname : "an object")
                + " from another process: its class is not on the allow-list. Reading bytes can run code,"
                + " so only known classes are admitted; if you trust it, add its package with"
                + " Pool.Options.allow(\"com.example.**\").", e);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getName();
        return type.contains("$$Lambda") ? "a lambda defined in " + type.substring(0, type.indexOf("$$Lambda")) : "a " + type;
    }
}
