package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoalTest {
    private static final Map<String, Object> NONE = Map.of();

    /** Each goal prints as a reader writes it and judges the value it is given. */
    @Test
    void goalsPrintAndJudge() {
        assertEquals("≤ 0.15", Goal.atMost(0.15).text());
        assertEquals(Optional.of(true), Goal.atMost(0.15).met(0.15, NONE));
        assertEquals(Optional.of(false), Goal.atLeast(1.85).met(1.26, NONE));
        assertEquals(Optional.of(false), Goal.below(1.0).met(1.0, NONE));
        assertEquals(Optional.of(true), Goal.above(0).met(601_280L, NONE));
        assertEquals("0.8–1.1", Goal.between(0.8, 1.1).text());
        assertEquals(Optional.of(true), Goal.between(0.8, 1.1).met(0.96, NONE));
        assertEquals("10,000", Goal.is(10_000).text());
        assertEquals(Optional.of(true), Goal.is(10_000).met(10_000, NONE));
        assertEquals(Optional.of(true), Goal.is(0).met(0L, NONE));
        assertEquals(Optional.of(false), Goal.is(true).met(false, NONE));
    }

    /** A goal that names another figure compares with it, and gives no verdict when it is missing. */
    @Test
    void aGoalCanCompareWithAnotherFigure() {
        Goal coldSlower = Goal.aboveFigure("pool_start_ms");
        assertEquals("> pool_start_ms", coldSlower.text());
        assertEquals(Optional.of(false), coldSlower.met(150.0, Map.of("pool_start_ms", 180.5)));
        assertEquals(Optional.of(true), coldSlower.met(250.0, Map.of("pool_start_ms", 180.5)));
        assertEquals(Optional.empty(), coldSlower.met(250.0, NONE));
        assertEquals(Optional.empty(), Goal.baseline("the yardstick").met(4_269.0, NONE));
    }
}
