package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ExecutionException;

/**
 * Classic mistake: plain recursion, nothing kept — each task computes its inputs afresh. BROKEN:
 * a step reached by two paths (mean needs total and count, both need busy) runs once per path,
 * and in a deep graph the repeats multiply: the lazy graph does more work than the eager code.
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
        return value;
    }
}
