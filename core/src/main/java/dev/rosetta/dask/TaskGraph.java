package dev.rosetta.dask;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task graph: dask's graph dictionary, {@code {key: task}}, in which a task names the keys it
 * depends on. A {@link Frame} builds one; a {@link Scheduler} runs one. Keys come from the
 * structure of the computation (an operation's name and a token of its arguments and inputs), so
 * a subexpression two results share appears once and is computed once.
 *
 * <p>Two optimisations, as {@code dask.optimization} has them: {@link #cull} keeps only the tasks
 * some wanted key needs; {@link #fuse} merges each chain of tasks that have one input and one user
 * into one task, so {@code read-csv → filter → groupby-chunk} runs as one task per partition and
 * its intermediate partitions never wait in the scheduler. {@link #order} gives the priorities a
 * scheduler runs ready tasks by (a simplified {@code dask.order}): depth first, and a task's
 * consumers as soon as they can run, so intermediate results are released early.
 *
 * <p>Thread-safety: immutable.
 */
public final class TaskGraph {
    private final Map<String, Task> tasks;
    /** Spill directories its shuffles may write, removed by {@link #run} when the computation ends. */
    private final List<String> scratch;

    /** A graph of these tasks; every dependency must be one of them. */
    public TaskGraph(Collection<Task> tasks) {
        this(tasks, List.of());
    }

    /** A graph whose shuffles spill into the directories {@code scratch}. */
    TaskGraph(Collection<Task> tasks, List<String> scratch) {
        this.scratch = List.copyOf(scratch);
        var map = new LinkedHashMap<String, Task>();
        for (Task t : tasks) {
            map.putIfAbsent(t.key(), t);
        }
        for (Task t : map.values()) {
            for (String d : t.dependencies()) {
                if (!map.containsKey(d)) {
                    throw new IllegalArgumentException("task " + t.key() + " depends on " + d + ", which is not in the graph");
                }
            }
        }
        this.tasks = Collections.unmodifiableMap(map);
    }

    /** Every task by key, in the order they were added (inputs before their users when built by a Frame). */
    public Map<String, Task> tasks() {
        return tasks;
    }

    /** The task of {@code key}. */
    public Task task(String key) {
        Task t = tasks.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no task " + key + " in this graph of " + tasks.size() + " tasks");
        }
        return t;
    }

    /** Number of tasks. */
    public int size() {
        return tasks.size();
    }

    /** For each key, the keys that depend on it. */
    public Map<String, List<String>> dependents() {
        var out = new HashMap<String, List<String>>();
        for (String k : tasks.keySet()) {
            out.put(k, new ArrayList<>());
        }
        for (Task t : tasks.values()) {
            for (String d : t.dependencies()) {
                out.get(d).add(t.key());
            }
        }
        return out;
    }

    /** Only the tasks that {@code keys} need ({@code dask.optimization.cull}). */
    public TaskGraph cull(Collection<String> keys) {
        var keep = new HashSet<String>();
        var stack = new ArrayDeque<String>(keys);
        while (!stack.isEmpty()) {
            String k = stack.pop();
            if (keep.add(k)) {
                stack.addAll(task(k).dependencies());
            }
        }
        return new TaskGraph(tasks.values().stream().filter(t -> keep.contains(t.key())).toList(), scratch);
    }

    /**
     * Merges every chain of tasks in which a task has one dependency and that dependency has no
     * other user and is not in {@code keep} ({@code dask.optimization.fuse}). The merged task keeps
     * the last task's key; its label joins the labels ({@code read-csv+filter}).
     */
    public TaskGraph fuse(Collection<String> keep) {
        var dependents = dependents();
        var chains = new LinkedHashMap<String, List<Task>>(); // last key -> the chain ending there
        for (Task t : tasks.values()) {
            List<Task> chain = new ArrayList<>();
            if (t.dependencies().size() == 1) {
                String d = t.dependencies().getFirst();
                if (dependents.get(d).size() == 1 && !keep.contains(d) && chains.containsKey(d)) {
                    chain.addAll(chains.remove(d));
                }
            }
            chain.add(t);
            chains.put(t.key(), chain);
        }
        var fused = new ArrayList<Task>();
        for (var chain : chains.values()) {
            if (chain.size() == 1) {
                fused.add(chain.getFirst());
                continue;
            }
            var functions = chain.stream().map(Task::function).toList();
            String label = String.join("+", chain.stream().map(Task::label).toList());
            fused.add(new Task(chain.getLast().key(), chain.getFirst().dependencies(), new Fused(functions), label));
        }
        return new TaskGraph(fused, scratch);
    }

    /**
     * Runs {@code keys} on {@code scheduler}, then removes the spill directories of the graph's
     * shuffles — also when a task failed: what {@code compute} calls.
     */
    List<Object> run(Scheduler scheduler, List<String> keys, Scheduler.Callback callback) {
        try {
            return scheduler.get(this, keys, callback);
        } finally {
            scratch.forEach(Shuffle::remove);
        }
    }

    /** A chain of functions run one after another in one task. */
    private record Fused(List<Task.Function> functions) implements Task.Function {
        @Override
        public Object call(List<Object> inputs) throws Exception {
            Object value = functions.getFirst().call(inputs);
            for (int i = 1; i < functions.size(); i++) {
                value = functions.get(i).call(List.of(value));
            }
            return value;
        }
    }

    /**
     * Each task's priority, lower first: a depth-first walk from {@code keys} that places a task
     * right after its dependencies and a task's consumers right after it whenever their other inputs
     * are already placed. Run in this order, a partition's whole chain finishes before the next
     * partition is read, so memory holds a few partitions, not all of them.
     */
    public Map<String, Integer> order(List<String> keys) {
        var dependents = dependents();
        var placed = new HashMap<String, Integer>();
        for (String root : keys) {
            var stack = new ArrayDeque<String>();
            stack.push(root);
            while (!stack.isEmpty()) {
                String k = stack.peek();
                if (placed.containsKey(k)) {
                    stack.pop();
                    continue;
                }
                String next = null;
                for (String d : task(k).dependencies()) {
                    if (!placed.containsKey(d)) {
                        next = d;
                        break;
                    }
                }
                if (next != null) {
                    stack.push(next);
                    continue;
                }
                stack.pop();
                place(k, placed, dependents);
            }
        }
        return placed;
    }

    private void place(String key, Map<String, Integer> placed, Map<String, List<String>> dependents) {
        var todo = new ArrayDeque<String>();
        todo.push(key);
        while (!todo.isEmpty()) {
            String k = todo.pop();
            if (placed.containsKey(k) || !placed.keySet().containsAll(task(k).dependencies())) {
                continue;
            }
            placed.put(k, placed.size());
            var users = dependents.get(k);
            for (int i = users.size() - 1; i >= 0; i--) {
                todo.push(users.get(i));
            }
        }
    }

    /** The graph as a Mermaid flowchart (renders in Markdown), inputs at the bottom as dask draws them. */
    public String mermaid() {
        var ids = ids();
        var sb = new StringBuilder("flowchart BT\n");
        for (Task t : tasks.values()) {
            sb.append("  ").append(ids.get(t.key())).append("[\"").append(escapeMermaid(t.label())).append("<br/>")
                    .append(escapeMermaid(t.key())).append("\"]\n");
        }
        for (Task t : tasks.values()) {
            for (String d : t.dependencies()) {
                sb.append("  ").append(ids.get(d)).append(" --> ").append(ids.get(t.key())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The graph in Graphviz DOT ({@code dot -Tsvg}), as {@code dask.visualize} writes it. */
    public String dot() {
        var ids = ids();
        var sb = new StringBuilder("digraph dask {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        for (Task t : tasks.values()) {
            sb.append("  ").append(ids.get(t.key())).append(" [label=\"").append(escapeDot(t.label())).append("\\n")
                    .append(escapeDot(t.key())).append("\"];\n");
        }
        for (Task t : tasks.values()) {
            for (String d : t.dependencies()) {
                sb.append("  ").append(ids.get(d)).append(" -> ").append(ids.get(t.key())).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private Map<String, String> ids() {
        var ids = new HashMap<String, String>();
        for (String k : tasks.keySet()) {
            ids.put(k, "t" + ids.size());
        }
        return ids;
    }

    private static String escapeMermaid(String s) {
        return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    private static String escapeDot(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The keys, one per line, with what each depends on. */
    @Override
    public String toString() {
        var sb = new StringBuilder();
        for (Task t : tasks.values()) {
            sb.append(t.key()).append(" [").append(t.label()).append("] <- ").append(t.dependencies()).append('\n');
        }
        return sb.toString();
    }

    /** Keys that no task depends on. */
    public Set<String> sinks() {
        var out = new HashSet<>(tasks.keySet());
        for (Task t : tasks.values()) {
            t.dependencies().forEach(out::remove);
        }
        return out;
    }
}
