package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;

/**
 * Reference solution of {@code dask/shared-subexpression}: a depth-first walk from each key to
 * its inputs, with one map of the values computed so far for the whole call — so a step that
 * several keys or paths share is computed on the first visit and looked up on the others, and a
 * task nobody asked for is never visited. The keys on the current path find a cycle.
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
