package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classic mistake: {@code pool.close()} at the match, "close is the polite way to end a pool".
 * BROKEN: close() (Python's {@code close(); join()}) lets every task already queued or running
 * finish first, and waits for them: the search has its answer, yet returns only when the rest of
 * the candidates, needed by nobody, have been checked. {@code terminate()} stops them at once.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        Iterator<Map.Entry<T, Boolean>> results =
                pool.imapUnordered(c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)), candidates, 1);
        while (results.hasNext()) {
            Map.Entry<T, Boolean> result = results.next();
            var checked = new Checked<>(result.getKey(), result.getValue());
            report.accept(checked);
            if (checked.matches()) {
                pool.close();
                return Optional.of(checked.candidate());
            }
        }
        return Optional.empty();
    }
}
