package dev.rosetta.multiprocessing;

import java.io.Serializable;

/**
 * Code without argument or result that can be sent to a worker: the pool's
 * {@code initializer}, run once in every worker before its first task.
 */
@FunctionalInterface
public interface PicklableRunnable extends Serializable {
    /** Runs it, in the worker. */
    void run() throws Exception;
}
