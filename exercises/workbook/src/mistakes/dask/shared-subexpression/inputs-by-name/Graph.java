package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;

/**
 * Classic mistake: the inputs' values gathered in a map by key, then handed over as its values.
 * BROKEN: a map's order is not the task's order — {@code (sub, "max", "min")} may get
 * {@code min, max} — and a task that takes one key twice ({@code (mul, "x", "x")}) gets it once.
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
        if (!path.add(key)) {
            throw new IllegalArgumentException("cycle detected: " + String.join(" -> ", path) + " -> " + key);
        }
        var byKey = new HashMap<String, Object>();
        for (String input : task.inputs()) {
            byKey.put(input, compute(graph, input, computed, path));
        }
        var inputs = new ArrayList<Object>(byKey.values());
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
