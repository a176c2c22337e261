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
 * Classic mistake: {@code imapUnordered} with one chunk per worker, "fewer, bigger tasks
 * are cheaper".
 * BROKEN: a chunk's results come back together, when its last item is done: a slow candidate
 * holds back every other candidate of its chunk, finished or not, and a match in that chunk
 * waits too. For results as they come, send one candidate per task (chunksize 1).
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        Iterator<Map.Entry<T, Boolean>> results =
                pool.imapUnordered(c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)), candidates,
                        Math.max(1, candidates.size() / pool.processes()));
        while (results.hasNext()) {
            Map.Entry<T, Boolean> result = results.next();
            var checked = new Checked<>(result.getKey(), result.getValue());
            report.accept(checked);
            if (checked.matches()) {
                pool.terminate();
                return Optional.of(checked.candidate());
            }
        }
        return Optional.empty();
    }
}
