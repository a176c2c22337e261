package dev.rosetta.exercises.dask;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code dask/shared-subexpression}. Its graph is a small taxi query whose tasks
 * count their own runs, so "computed once" is a number, not a hope:
 * <pre>
 * trips (load) --> busy (fares over 9.00) --> total --\
 *      |                               \--> count --+--> mean
 *      +--> max, min --> spread (max - min);  unused (nobody needs it)
 * </pre>
 * One property per test:
 * <ul>
 *   <li>A step two keys share runs once per call: {@code dask.compute(a, b)}, not {@code a.compute(); b.compute()}.</li>
 *   <li>A step reached by two paths runs once.</li>
 *   <li>Only the tasks the keys need run.</li>
 *   <li>The values come in the order of the keys; a task gets its inputs in the order it names them.</li>
 *   <li>No keys: nothing runs. A missing key and a cycle are refused, each named.</li>
 *   <li>A task's exception reaches the caller as the cause of an {@link ExecutionException} naming its key.</li>
 * </ul>
 */
class GraphTest {

    /** Fares in cents. */
    private static final List<Long> FARES = List.of(1250L, 800L, 2375L, 910L);

    /** The query's graph, each task counting its runs in {@link #runs}. */
    private final Map<String, Integer> runs = new TreeMap<>();
    private final Map<String, Task> graph = new LinkedHashMap<>();

    private void task(String key, Function<List<Object>, Object> function, String... inputs) {
        graph.put(key, Task.of(in -> {
            runs.merge(key, 1, Integer::sum);
            return function.apply(in);
        }, inputs));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> fares(Object value) {
        return (List<Long>) value;
    }

    GraphTest() {
        task("trips", in -> FARES);
        task("busy", in -> fares(in.getFirst()).stream().filter(f -> f > 900).toList(), "trips");
        task("total", in -> fares(in.getFirst()).stream().mapToLong(Long::longValue).sum(), "busy");
        task("count", in -> (long) fares(in.getFirst()).size(), "busy");
        task("mean", in -> (Long) in.get(0) / (Long) in.get(1), "total", "count");
        task("max", in -> fares(in.getFirst()).stream().mapToLong(Long::longValue).max().orElseThrow(), "trips");
        task("min", in -> fares(in.getFirst()).stream().mapToLong(Long::longValue).min().orElseThrow(), "trips");
        task("spread", in -> (Long) in.get(0) - (Long) in.get(1), "max", "min");
        task("unused", in -> "nobody asked for this", "trips");
    }

    private int runsOf(String key) {
        return runs.getOrDefault(key, 0);
    }

    @Test
    @DisplayName("a step two keys share runs once: dask.compute(a, b), not a.compute(); b.compute()")
    void sharedByTwoKeysRunsOnce() throws Exception {
        List<Object> values = Graph.get(graph, List.of("total", "max"));
        assertEquals(List.of(4535L, 2375L), values, "get(['total', 'max'])");
        if (runsOf("trips") != 1) {
            fail("get(['total', 'max']): 'trips', which both keys need, ran " + runsOf("trips") + " times (all the"
                    + " runs: " + runs + "). One call computes each step once and hands its value to every task that"
                    + " takes it — that is why dask.compute(a, b) beats a.compute(); b.compute(): keep the values"
                    + " computed for the whole call, not per key");
        }
    }

    @Test
    @DisplayName("a step reached by two paths runs once")
    void reachedByTwoPathsRunsOnce() throws Exception {
        assertEquals(List.of(1511L), Graph.get(graph, List.of("mean")), "get(['mean']): 4535 // 3");
        if (runsOf("busy") != 1 || runsOf("trips") != 1) {
            fail("get(['mean']): 'busy' ran " + runsOf("busy") + " times and 'trips' " + runsOf("trips") + " (all the"
                    + " runs: " + runs + "). 'busy' is reached by two paths, mean <- total <- busy and mean <- count"
                    + " <- busy: compute it on the first visit, keep its value, and look it up on the second");
        }
    }

    @Test
    @DisplayName("only the tasks the keys need run")
    void onlyWhatIsNeededRuns() throws Exception {
        assertEquals(List.of(2375L), Graph.get(graph, List.of("max")), "get(['max'])");
        assertEquals(Map.of("trips", 1, "max", 1), runs, "get(['max']) needs only 'max' and its input 'trips'; the"
                + " other tasks are not needed and must not run (dask culls the graph to what the keys need; each"
                + " number is how many times a task ran)");
    }

    @Test
    @DisplayName("values in the order of the keys; inputs in the order the task names them")
    void orders() throws Exception {
        assertEquals(List.of(3L, 4535L, 3L), Graph.get(graph, List.of("count", "total", "count")), "get(['count',"
                + " 'total', 'count']): one value per key asked, in the order asked, a key asked twice twice");
        assertEquals(1, runsOf("count"), "'count' was asked twice in one call, and must run once; runs: " + runs);
        task("inputs", List::copyOf, "min", "max", "count", "min");
        assertEquals(List.of(List.of(800L, 2375L, 3L, 800L)), Graph.get(graph, List.of("inputs")), "the task"
                + " (list, 'min', 'max', 'count', 'min') returns the values it was given: a task gets its inputs'"
                + " values in the order of its inputs, one value per input, the same key twice if it names it twice");
        assertEquals(List.of(1575L), Graph.get(graph, List.of("spread")), "spread is (sub, 'max', 'min'): 2375 - 800");
    }

    @Test
    @DisplayName("no keys: nothing runs; a missing key and a cycle are refused, each named")
    void edgesAndErrors() {
        assertEquals(List.of(), assertDoesNotThrow(() -> Graph.get(graph, List.of()), "get of no keys"), "no keys: no values");
        assertEquals(Map.of(), runs, "no keys: nothing must run");

        var missing = assertThrows(IllegalArgumentException.class, () -> Graph.get(graph, List.of("tips")),
                "'tips' is not in the graph: dask raises KeyError");
        assertTrue(String.valueOf(missing.getMessage()).contains("tips"), "the error must name the missing key 'tips':"
                + " " + missing.getMessage());
        task("tip-share", in -> 0L, "total", "tips");
        var input = assertThrows(IllegalArgumentException.class, () -> Graph.get(graph, List.of("tip-share")),
                "'tip-share' takes 'tips', which is not in the graph: dask raises KeyError");
        assertTrue(String.valueOf(input.getMessage()).contains("tips"), "the error must name the missing key 'tips':"
                + " " + input.getMessage());

        task("a", in -> 1L, "b");
        task("b", in -> 2L, "a");
        var cycle = assertThrows(IllegalArgumentException.class, () -> Graph.get(graph, List.of("a")), "'a' needs 'b'"
                + " needs 'a': a cycle must be refused with an IllegalArgumentException saying so (dask: 'Cycle"
                + " detected'), not followed until the stack overflows — keep the keys on the current path");
        assertTrue(String.valueOf(cycle.getMessage()).toLowerCase().contains("cycle"), "the error must say 'cycle': "
                + cycle.getMessage());
    }

    @Test
    @DisplayName("a task's exception reaches the caller as the cause of an ExecutionException naming its key")
    void exceptionKeptAsTheCause() {
        var broken = new ArithmeticException("/ by zero");
        task("per-mile", in -> {
            throw broken;
        }, "total");
        task("report", in -> in, "per-mile", "count");
        var e = assertThrows(ExecutionException.class, () -> Graph.get(graph, List.of("report")), "task 'per-mile'"
                + " threw " + broken + ": get must throw an ExecutionException");
        assertSame(broken, e.getCause(), "task 'per-mile' threw " + broken + ": the ExecutionException's cause must be"
                + " that exception (wrapped once, not once per task above it), but it was " + e.getCause());
        assertTrue(String.valueOf(e.getMessage()).contains("per-mile"), "the ExecutionException's message must name the"
                + " key of the task that failed, 'per-mile', but was: " + e.getMessage());
    }
}
