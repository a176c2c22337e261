/**
 * dask's distributed scheduler on the Hazelcast cluster of {@code dev.rosetta.distributed}:
 * {@link dev.rosetta.distributed.dask.DistributedScheduler} is {@code dask.distributed.Client}, a
 * {@link dev.rosetta.dask.Scheduler} that runs the same task graphs as core's local schedulers on
 * the cluster's members, keeps intermediate partitions in the members' memory, places each task
 * near its inputs, and recomputes what a dead member took with it. Core's {@code dev.rosetta.dask}
 * knows nothing of it: a frame's {@code compute(scheduler)} takes any {@code Scheduler}.
 */
package dev.rosetta.distributed.dask;
