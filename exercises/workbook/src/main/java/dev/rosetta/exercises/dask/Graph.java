package dev.rosetta.exercises.dask;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Exercise {@code dask/shared-subexpression}: what {@code dask.get(dsk, keys)} — the synchronous
 * scheduler — does with a graph in which several results share a step.
 *
 * <pre>
 * dsk = {"trips": (load,),                 # the expensive read
 *        "busy":  (busy, "trips"),          # shared by total and count
 *        "total": (sum, "busy"),
 *        "count": (len, "busy"),
 *        "mean":  (div, "total", "count")}
 * dask.get(dsk, ["mean", "total"])         # load and busy run once, not three times
 * dask.compute(mean, total)                 # the same, through the collections
 * </pre>
 *
 * <p>A graph maps each key to a {@link Task}. {@link #get} returns the values of {@code keys}, in
 * their order (a key asked twice appears twice). It runs <b>each task at most once</b> per call,
 * however many of the keys need it and by however many paths — a value computed is kept and
 * handed to every task that takes it; it runs <b>only the tasks the keys need</b> (their inputs,
 * and theirs, ...: dask culls the rest); and a task runs after its inputs, given their values <b>in
 * the order of its inputs</b>. No keys: nothing runs, no values.
 *
 * <p>Errors: a key that is not in the graph — asked for, or the input of a task — is an
 * {@link IllegalArgumentException} naming it (dask: {@code KeyError}); a cycle ({@code a} needs
 * {@code b} needs {@code a}) an {@link IllegalArgumentException} whose message says "cycle" (dask:
 * "Cycle detected"), not a {@code StackOverflowError}; a task's exception makes {@code get}
 * throw an {@link ExecutionException} whose cause is that exception and whose message names the
 * task's key.
 *
 * <p>Chapter: docs/dask.md. Hints: {@code ./rosetta learn hint dask/shared-subexpression}.
 */
public class Graph {

    /** The values of {@code keys} in {@code graph}, each task run at most once, only those needed. */
    public static List<Object> get(Map<String, Task> graph, List<String> keys) throws ExecutionException {
        // TODO compute each key from its inputs' values, keeping every value computed for the tasks that share it
        throw new UnsupportedOperationException("TODO: Graph.get is not written yet");
    }
}
