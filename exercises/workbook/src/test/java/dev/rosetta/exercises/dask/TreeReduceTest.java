package dev.rosetta.exercises.dask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code dask/tree-reduce}. Its combine writes the tree it was given: the partials
 * are letters, and combining {@code a, b, c} gives {@code (abc)}, so the answer is the tree's
 * shape — 10 partials with {@code split_every=4} must give {@code ((abcd)(efgh)(ij))}. The pool
 * ({@link HandPool}) runs the tasks when the caller waits, newest first. One property per test:
 * <ul>
 *   <li>Groups of {@code splitEvery} consecutive values, level by level, in order, then one value.</li>
 *   <li>No combine takes more than {@code splitEvery} values, and there are no more combines than the tree needs.</li>
 *   <li>The last, smaller group is combined too: every partial is in the answer, once.</li>
 *   <li>Every group of a level is submitted before waiting for any; every combine runs on the pool.</li>
 *   <li>One partial still goes through one combine; {@code splitEvery} below 2 and no partials are refused.</li>
 *   <li>A combine's exception reaches the caller as the cause of an {@link ExecutionException}.</li>
 * </ul>
 */
@TimeLimit(seconds = 20)
class TreeReduceTest {

    /** What the combines saw: each one's fan-in, and the ones run in the caller's thread. */
    private static final class Combines {
        final List<Integer> fanIns = Collections.synchronizedList(new ArrayList<>());
        final List<String> inTheCaller = Collections.synchronizedList(new ArrayList<>());
    }

    private static List<String> letters(int count) {
        return "abcdefghijklmnopqrstuvwxyz".substring(0, count).chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    private static String reduce(HandPool pool, int count, int splitEvery, Combines combines) throws Exception {
        return pool.drive("a tree reduction of " + count + " partials with split_every=" + splitEvery,
                () -> TreeReduce.reduce(pool, letters(count), splitEvery, group -> {
                    combines.fanIns.add(group.size());
                    String tree = "(" + String.join("", group) + ")";
                    if (!pool.onPool()) {
                        combines.inTheCaller.add(tree);
                    }
                    return tree;
                }));
    }

    private static String reduce(int count, int splitEvery) throws Exception {
        return reduce(new HandPool(), count, splitEvery, new Combines());
    }

    /** Every partial reached the answer: none was left in a group nobody combined. */
    private static void assertEveryPartialIn(String tree, int count, int splitEvery) {
        String missing = letters(count).stream().filter(l -> !tree.contains(l)).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            fail(count + " partials a.." + letters(count).getLast() + " with split_every=" + splitEvery + " gave " + tree
                    + ": partial(s) " + missing + " never reached the answer. The last group of a level, smaller than"
                    + " split_every, must be combined too");
        }
    }

    @Test
    @DisplayName("groups of splitEvery consecutive values, level by level, in order, down to one value")
    void theTreesShape() throws Exception {
        assertEquals("((abcd)(efgh)(ij))", reduce(10, 4), "10 partials a..j with split_every=4 (each combine"
                + " writes its group in brackets): level 1 combines a-d, e-h and the last, smaller group i-j; the 3"
                + " results are one last group. Groups are consecutive and keep their order, whatever order their"
                + " tasks finished in");
        assertEquals("((abc)(def)(ghi))", reduce(9, 3), "9 partials with split_every=3");
        assertEquals("(((ab)(cd))((ef)(g)))", reduce(7, 2), "7 partials with split_every=2: a binary tree");
    }

    @Test
    @DisplayName("no combine takes more than splitEvery values, and none is wasted")
    void fanInIsSplitEvery() throws Exception {
        var combines = new Combines();
        String tree = reduce(new HandPool(), 20, 4, combines);
        assertEveryPartialIn(tree, 20, 4);
        int most = combines.fanIns.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most > 4) {
            fail("a combine was given " + most + " values at once, with split_every=4: split_every bounds each"
                    + " task's fan-in, so that no task holds more than 4 partial results (a groupby over 10,000"
                    + " partitions would otherwise hand one task 10,000 tables). The tree: " + tree);
        }
        assertEquals(8, combines.fanIns.size(), "20 partials with split_every=4 need 8 combines (5 groups of 4, then"
                + " 2 groups: the 4 results and the fifth, then 1 last), but there were " + combines.fanIns.size()
                + " of fan-in " + combines.fanIns + ": each combine takes up to split_every values, not fewer. The"
                + " tree: " + tree);
        assertEquals("(((abcd)(efgh)(ijkl)(mnop))((qrst)))", tree, "20 partials with split_every=4");
    }

    @Test
    @DisplayName("the last, smaller group is combined too: every partial is in the answer, once")
    void theLastGroupIsCombined() throws Exception {
        String tree = reduce(9, 4);
        assertEveryPartialIn(tree, 9, 4);
        assertEquals("((abcd)(efgh)(i))", tree, "9 partials with split_every=4: every partial once, in order");
        assertEquals("((abcd)(e))", reduce(5, 4), "5 partials with split_every=4: the fifth is a group of its own");
    }

    @Test
    @DisplayName("every group of a level is submitted before waiting, and every combine runs on the pool")
    void aLevelRunsAtOnceOnThePool() throws Exception {
        var pool = new HandPool();
        var combines = new Combines();
        reduce(pool, 20, 4, combines);
        assertEquals(List.of(), combines.inTheCaller, "these combines ran in the caller's thread, not in tasks on the"
                + " pool: submit each group's combine as a task, or the pool sits idle");
        assertEquals(5, pool.waves().getFirst(), "20 partials with split_every=4: level 1 has 5 groups, but when"
                + " reduce first waited only " + pool.waves().getFirst() + " had been submitted (tasks queued at each"
                + " wait: " + pool.waves() + "). Submit every group of a level before waiting for any, or they run"
                + " one at a time");
    }

    @Test
    @DisplayName("one partial still goes through one combine; bad arguments are refused")
    void edges() throws Exception {
        var combines = new Combines();
        assertEquals("(a)", reduce(new HandPool(), 1, 4, combines), "one partial: dask's last step still runs on it"
                + " (it may turn a (sum, count) into a mean), so the answer is combine([a])");
        assertEquals(List.of(1), combines.fanIns, "one partial: exactly one combine, of one value");
        assertEquals("(abcd)", reduce(4, 4), "4 partials with split_every=4: one combine of all 4");

        var pool = new HandPool();
        var one = assertThrows(IllegalArgumentException.class, () -> pool.drive("split_every=1",
                () -> TreeReduce.reduce(pool, letters(3), 1, g -> "x")),
                "split_every=1 must be refused: a tree of fan-in 1 never gets smaller");
        assertTrue(one.getMessage() != null && one.getMessage().contains("1"), "the message must name the value 1,"
                + " but was: " + one.getMessage());
        var none = new HandPool();
        assertThrows(IllegalArgumentException.class, () -> none.drive("no partials",
                () -> TreeReduce.reduce(none, List.<String>of(), 4, g -> "x")),
                "no partials: there is nothing to reduce (Python: reduce() of empty iterable with no initial value)");
        assertEquals(0, none.submitted(), "no partials: no task must be submitted");
    }

    @Test
    @DisplayName("a combine's exception reaches the caller as the cause of an ExecutionException")
    void exceptionKeptAsTheCause() {
        var pool = new HandPool();
        var broken = new ArithmeticException("overflow combining e..h");
        var e = assertThrows(ExecutionException.class, () -> pool.drive("a tree reduction of 10 partials",
                () -> TreeReduce.reduce(pool, letters(10), 4, group -> {
                    if (group.contains("e")) {
                        throw broken;
                    }
                    return String.join("", group);
                })), "a combine threw " + broken + ": reduce must throw an ExecutionException, as Future.get() does");
        assertSame(broken, e.getCause(), "a combine threw " + broken + ": the ExecutionException's cause must be that"
                + " exception, but it was " + e.getCause());
        assertFalse(pool.isShutdown(), "reduce shut the pool down: it is the caller's");
    }
}
