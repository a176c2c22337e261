package dev.rosetta.tour;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a figure should be for the claim it tests to hold: a comparison the tour checks and
 * prints as ✓ (met) or ✗ (missed). {@link Baseline} is the one goal without a verdict: a
 * yardstick that other figures are compared with.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Goal {

    /** The goal as a reader sees it: {@code ≤ 0.15}, {@code 0.8–1.1}, {@code > echo_rps_threads}. */
    String text();

    /**
     * Whether {@code value} meets the goal; empty when the goal gives no verdict or the value
     * cannot be judged (a figure it refers to is missing).
     *
     * @param value  the figure as measured (a Number or a Boolean)
     * @param others the row's other figures by key, for goals that compare with one of them
     */
    Optional<Boolean> met(Object value, Map<String, Object> others);

    /** At most {@code limit}. */
    static Goal atMost(double limit) {
        return new Compare("≤", limit);
    }

    /** At least {@code limit}. */
    static Goal atLeast(double limit) {
        return new Compare("≥", limit);
    }

    /** Strictly below {@code limit}. */
    static Goal below(double limit) {
        return new Compare("<", limit);
    }

    /** Strictly above {@code limit}. */
    static Goal above(double limit) {
        return new Compare(">", limit);
    }

    /** From {@code low} to {@code high}, both included. */
    static Goal between(double low, double high) {
        return new Between(low, high);
    }

    /** Exactly {@code expected} (a count or a yes/no). */
    static Goal is(Object expected) {
        return new Is(expected);
    }

    /** Strictly above the row's figure {@code key}. */
    static Goal aboveFigure(String key) {
        return new AboveFigure(key);
    }

    /** No verdict: the figure is the yardstick for others ({@code why} says which). */
    static Goal baseline(String why) {
        return new Baseline(why);
    }

    /** A bound: {@code op} is one of {@code ≤ ≥ < >}. */
    record Compare(String op, double limit) implements Goal {
        @Override
        public String text() {
            return op + " " + number(limit);
        }

        @Override
        public Optional<Boolean> met(Object value, Map<String, Object> others) {
            return number(value).map(v -> switch (op) {
                case "≤" -> v <= limit;
                case "≥" -> v >= limit;
                case "<" -> v < limit;
                case ">" -> v > limit;
                default -> throw new IllegalStateException("no comparison " + op);
            });
        }
    }

    /** A range, both ends included. */
    record Between(double low, double high) implements Goal {
        @Override
        public String text() {
            return number(low) + "–" + number(high);
        }

        @Override
        public Optional<Boolean> met(Object value, Map<String, Object> others) {
            return number(value).map(v -> v >= low && v <= high);
        }
    }

    /** An exact value: numbers compare as numbers, anything else by equality. */
    record Is(Object expected) implements Goal {
        @Override
        public String text() {
            return expected instanceof Number n ? number(n.doubleValue()) : String.valueOf(expected);
        }

        @Override
        public Optional<Boolean> met(Object value, Map<String, Object> others) {
            if (expected instanceof Number n) {
                return number(value).map(v -> v == n.doubleValue());
            }
            return Optional.of(expected.equals(value));
        }
    }

    /** Above another figure of the same row. */
    record AboveFigure(String key) implements Goal {
        @Override
        public String text() {
            return "> " + key;
        }

        @Override
        public Optional<Boolean> met(Object value, Map<String, Object> others) {
            return number(value).flatMap(v -> number(others.get(key)).map(other -> v > other));
        }
    }

    /** No verdict: a yardstick. */
    record Baseline(String why) implements Goal {
        @Override
        public String text() {
            return why;
        }

        @Override
        public Optional<Boolean> met(Object value, Map<String, Object> others) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(Object value) {
        return value instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    /** A bound as written: no trailing zeros, thousands grouped ({@code 0.8}, {@code 10,000}). */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
