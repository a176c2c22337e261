package dev.rosetta.multiprocessing;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lent object called by method name: the serving half of Python's manager proxies
 * ({@code BaseProxy._callmethod(name, args)} sends the name and the pickled arguments; the
 * manager runs the method and sends back the pickled result, or the pickled exception, which
 * the proxy raises again — with its type).
 *
 * <p>Thread-safety: each connection is served on its own thread, so a {@link Target} must be
 * thread-safe; a method that blocks (a lock's {@code acquire}) blocks only its caller.
 */
final class Managed implements Lender.Lent {
    static final byte CALL = 1;
    static final byte RETURNED = 0;
    static final byte RAISED = 1;

    /** The object itself, in the owning process. */
    @FunctionalInterface
    interface Target {
        /** Runs {@code method} with {@code args} for the thread named {@code caller} (see {@link Lender#caller()}). */
        Object call(String method, List<Object> args, long caller) throws Exception;
    }

    private final Target target;
    private final ObjectInputFilter filter;

    Managed(Target target, ObjectInputFilter filter) {
        this.target = target;
        this.filter = filter;
    }

    @Override
    public Lender.Reply handle(byte op, long timeoutNanos, byte[] payload, long caller) throws InterruptedException {
        var call = (Object[]) Pickle.loads(payload, filter);
        var args = new ArrayList<>(Arrays.asList(call).subList(1, call.length)); // List.of refuses a null argument
        try {
            return new Lender.Reply(RETURNED, 0, Pickle.dumps(target.call((String) call[0], args, caller)));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception raised) {
            return new Lender.Reply(RAISED, 0, Pickle.dumps(raised));
        }
    }

    /** Packs a call for {@link #handle}: the method's name, then its arguments. */
    static byte[] call(String method, Object... args) {
        var call = new Object[args.length + 1];
        call[0] = method;
        System.arraycopy(args, 0, call, 1, args.length);
        return Pickle.dumps(call);
    }
}
