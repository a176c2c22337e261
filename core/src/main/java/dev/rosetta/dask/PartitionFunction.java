package dev.rosetta.dask;

import java.io.Serializable;

/**
 * A function of one partition, for {@link Frame#mapPartitions}: what you pass to dask's
 * {@code df.map_partitions(fn)}. Serializable, so the process scheduler can send it to a worker;
 * a lambda assigned to this type is (if what it captures is).
 */
@FunctionalInterface
public interface PartitionFunction extends Serializable {
    /** The partition that {@code p} becomes. */
    Partition apply(Partition p) throws Exception;
}
