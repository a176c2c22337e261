/**
 * Python's {@code multiprocessing}: a {@link dev.rosetta.multiprocessing.Pool} of real worker
 * processes (JVMs started from this one's class path), talking over pipes.
 *
 * <p>The one idea: a process has its own memory, so nothing is shared unless it is sent, and
 * everything sent must be turned into bytes and back ({@link dev.rosetta.multiprocessing.Pickle},
 * Java serialisation behind an allow-list). That buys real parallelism for CPU-bound work and
 * costs a process start-up and a round trip per task.
 *
 * <p>This package owns the only code in the project that starts and talks to worker
 * processes; {@code futures}, {@code joblib}, {@code dask} and {@code ray} build on it.
 */
package dev.rosetta.multiprocessing;
