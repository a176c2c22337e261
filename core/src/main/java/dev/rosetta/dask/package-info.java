/**
 * Python's dask.dataframe: a lazy, partitioned data frame ({@link dev.rosetta.dask.Frame}) read
 * from CSV files larger than memory ({@link dev.rosetta.dask.Dask#readCsv}), whose operations build
 * a {@link dev.rosetta.dask.TaskGraph} that a {@link dev.rosetta.dask.Scheduler} runs — synchronous,
 * threads or worker processes ({@link dev.rosetta.dask.LocalScheduler}, on {@code dev.rosetta.futures}
 * and {@code dev.rosetta.multiprocessing}); a scheduler on a cluster implements the same interface
 * from its own module. {@link dev.rosetta.dask.Frame#sortValues} is the one shuffle: rows moved
 * into range partitions through buckets that spill to disk ({@link dev.rosetta.dask.Shuffle}).
 * See docs/dask.md.
 */
package dev.rosetta.dask;
