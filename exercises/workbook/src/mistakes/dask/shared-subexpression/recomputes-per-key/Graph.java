package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;

/**
 * Classic mistake: each key computed on its own, with its own map of values — what
 * {@code a.compute(); b.compute()} does. BROKEN: within one key a shared step runs once, but a
 * step that two of the keys share runs once per key: the file is read again for each result.
 */
public class Graph {

    public static List<Object> get(Map<String, Task> graph, List<String> keys) throws ExecutionException {
        var results = new ArrayList<Object>(keys.size());
        for (String key : keys) {
            results.add(compute(graph, key, new HashMap<>(), new LinkedHashSet<>()));
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
