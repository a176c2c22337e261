/**
 * Python's joblib: {@link dev.rosetta.joblib.Parallel} and {@link dev.rosetta.joblib.Delayed#delayed}
 * run many small calls on a few workers in adaptive batches ({@link dev.rosetta.joblib.AutoBatching}),
 * reading the input lazily; {@link dev.rosetta.joblib.Memory} keeps results on disk. It stands on
 * {@code dev.rosetta.futures} and {@code dev.rosetta.multiprocessing} and starts no process of its own.
 * See docs/joblib.md.
 */
package dev.rosetta.joblib;
