package dev.rosetta.distributed;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;

/**
 * One member of a {@link Cluster}, as a scheduler sees it: dask.distributed's worker address,
 * ray's node id. Members are the JVMs that run tasks and hold the {@link ObjectStore}'s objects;
 * the caller's JVM is not one of them.
 *
 * @param name    {@code member-1}, {@code member-2}, ... in the order a {@link LocalCluster} started them
 * @param uuid    Hazelcast's id of the member, unique for its lifetime
 * @param address where it listens, {@code 127.0.0.1:port}
 * @param pid     the member JVM's process id
 */
public record ClusterMember(String name, UUID uuid, String address, long pid) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** As the traces' lanes name a worker: {@code member-1 (pid 1234)}. */
    @Override
    public String toString() {
        return name + " (pid " + pid + ")";
    }
}
