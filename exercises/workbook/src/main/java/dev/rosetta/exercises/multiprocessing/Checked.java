package dev.rosetta.exercises.multiprocessing;

import java.io.Serializable;

/**
 * One result of {@code multiprocessing/imap-unordered}: a candidate and whether it matched.
 * Results of {@code imapUnordered} come in the order their tasks finish, so each carries its
 * candidate with it (in Python: return {@code (x, f(x))}). You do not edit it.
 *
 * @param candidate the input the task checked
 * @param matches   what the check said
 * @param <T>       the candidates
 */
public record Checked<T>(T candidate, boolean matches) implements Serializable {
}
