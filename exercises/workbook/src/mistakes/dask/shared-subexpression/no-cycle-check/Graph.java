package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;

/**
 * Classic mistake: no track of the keys on the current path. BROKEN: a graph with a cycle
 * ({@code a} needs {@code b} needs {@code a}) recurses until the stack overflows, instead of
 * saying which keys form the cycle.
 */
public class Graph {

    public static List<Object> get(Map<String, Task> graph, List<String> keys) throws ExecutionException {
        var computed = new HashMap<String, Object>();
        var results = new ArrayList<Object>(keys.size());
        for (String key : keys) {
            results.add(compute(graph, key, computed, new LinkedHashSet<>()));
        }
        return results;
    }

    private static Object compute(Map<String, Task> graph, String key, Map<String, Object> computed,
            SequencedSet<String> path) throws ExecutionException {
        if (computed.containsKey(key)) {
            return computed.get(key);
        }
        Task task = graph.get(key);
        if (task == null) {
            throw new IllegalArgumentException("KeyError: '" + key + "' is not in the graph"
                    + (path.isEmpty() ? "" : " (task '" + path.getLast() + "' takes it)"));
        }
        path.add(key);
        var inputs = new ArrayList<Object>(task.inputs().size());
        for (String input : task.inputs()) {
            inputs.add(compute(graph, input, computed, path));
        }
        path.remove(key);
        Object value;
        try {
            value = task.function().apply(inputs);
        } catch (RuntimeException e) {
            throw new ExecutionException("task '" + key + "' raised " + e, e);
        }
        computed.put(key, value);
        return value;
    }
}
