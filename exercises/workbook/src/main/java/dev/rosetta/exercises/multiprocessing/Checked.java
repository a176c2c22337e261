package dev.rosetta.exercises.multiprocessing;

import java.io.Serializable;

/**
 * One reported result of {@code multiprocessing/imap-unordered}: a candidate and whether it
 * matched. Made in this process from what the task returned; you do not edit it.
 *
 * @param candidate the input the task checked
 * @param matches   what the check said
 * @param <T>       the candidates
 */
public record Checked<T>(T candidate, boolean matches) implements Serializable {
}
