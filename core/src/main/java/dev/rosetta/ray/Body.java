package dev.rosetta.ray;

import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a worker runs for one task or actor call: the user's function with its arguments unpacked
 * (none, one, or an {@code ArrayList} of two), and, for an actor, the worker's actor instance
 * ({@link ActorHost#self}) as the first. One {@code Body} per remote function or actor method, so
 * that the pool sends the function to each worker once and then only the arguments.
 *
 * <p><b>Objects.</b> An argument that is a {@link Node.Stored} (a large value kept in some
 * node's store) is fetched from that node before the function runs — from another worker
 * directly, not through the driver; a result too large to travel inline is kept in this worker's
 * node, and only where it is goes back ({@link Node#keep}).
 *
 * <p>While a timeline is recorded, each run is a span named after the function, which the pool
 * carries back to the driver's trace.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name     the span's name: the function's, or {@code Counter.increment}
 * @param function a {@link PicklableCallable}, {@link PicklableFunction} or {@link Pool.PicklableBiFunction}
 * @param arity    the arguments the caller passes (0, 1 or 2)
 * @param onActor  whether the actor instance goes first
 */
record Body(String name, Serializable function, int arity, boolean onActor) implements PicklableFunction<Object, Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The one argument a pool task takes for these {@code args}: nothing, the value, or a list of both. */
    static Object pack(Object[] args) {
        return switch (args.length) {
            case 0 -> null;
            case 1 -> args[0];
            default -> new ArrayList<>(java.util.Arrays.asList(args));
        };
    }

    @Override
    public Object apply(Object argument) throws Exception {
        Tracer tracer = Tracer.active(); // on in a worker only while the driver records a timeline
        if (tracer == null) {
            return Node.inThisWorker().keep(call(argument));
        }
        try (var span = tracer.span(name, Map.of(Span.KIND, onActor ? "ray actor call" : "ray task"))) {
            return Node.inThisWorker().keep(call(argument));
        }
    }

    /** An argument as the function sees it: a value kept in some node's store is fetched from there first. */
    private static Object resolved(Object argument) {
        return argument instanceof Node.Stored stored ? Node.inThisWorker().fetch(stored) : argument;
    }

    @SuppressWarnings("unchecked")
    private Object call(Object argument) throws Exception {
        var values = new ArrayList<>(3);
        if (onActor) {
            values.add(ActorHost.self());
        }
        switch (arity) {
            case 0 -> { }
            case 1 -> values.add(resolved(argument));
            default -> ((List<Object>) argument).forEach(each -> values.add(resolved(each)));
        }
        return switch (values.size()) {
            case 0 -> ((PicklableCallable<Object>) function).call();
            case 1 -> ((PicklableFunction<Object, Object>) function).apply(values.getFirst());
            default -> ((Pool.PicklableBiFunction<Object, Object, Object>) function).apply(values.get(0), values.get(1));
        };
    }
}
