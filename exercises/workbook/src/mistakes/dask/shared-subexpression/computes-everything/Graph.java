package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;

/**
 * Classic mistake: every task of the graph computed first, then the keys looked up. BROKEN: the
 * answer is right, but tasks nobody asked for run too — dask culls the graph to what the keys
 * need, so a frame built for one query does not pay for another's steps.
 */
public class Graph {

    public static List<Object> get(Map<String, Task> graph, List<String> keys) throws ExecutionException {
        var computed = new HashMap<String, Object>();
        if (!keys.isEmpty()) {
            for (String key : graph.keySet()) {
                compute(graph, key, computed, new LinkedHashSet<>());
            }
        }
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
