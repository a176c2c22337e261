package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classic mistake: return at the first match, and leave the pool alone, "the caller owns it".
 * BROKEN: the tasks still queued or running go on, keeping every worker busy with answers
 * nobody will read. Python's {@code with Pool() as pool:} block terminates the pool when it
 * ends; here the search must do it, as soon as it has its answer.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        Iterator<Checked<T>> results = pool.imapUnordered(c -> new Checked<>(c, isMatch.apply(c)), candidates, 1);
        while (results.hasNext()) {
            Checked<T> checked = results.next();
            report.accept(checked);
            if (checked.matches()) {
                return Optional.of(checked.candidate());
            }
        }
        return Optional.empty();
    }
}
