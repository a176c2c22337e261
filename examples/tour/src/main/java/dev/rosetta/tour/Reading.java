package dev.rosetta.tour;

import java.util.Map;
import java.util.Optional;

/**
 * A figure as measured: its value and, when the value is the median of repeated runs, the
 * spread of those runs.
 *
 * @param figure the figure's description
 * @param value  a Number or a Boolean, as written to the JSON's {@code metrics}
 * @param sample the repeated runs the value is the median of; null for a single reading
 *
 * <p>Thread-safety: immutable.
 */
public record Reading(Figure figure, Object value, Measure.Sample sample) {

    /** Whether the figure met its goal (empty when the goal gives no verdict), given the row's other figures. */
    public Optional<Boolean> verdict(Map<String, Object> metrics) {
        return figure.goal().met(value, metrics);
    }
}
