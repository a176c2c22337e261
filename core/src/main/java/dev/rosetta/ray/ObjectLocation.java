package dev.rosetta.ray;

/**
 * Where a value lives: Ray's {@code ray.experimental.get_object_locations(refs)}, one entry.
 * A small value travels inline with the messages that carry it and has no location; a large one
 * stays in the object store of the process that made it, whose object server listens here.
 *
 * @param host       always {@code 127.0.0.1}: object servers listen on the loopback interface only
 * @param port       the object server's port
 * @param pid        the process holding the value (a worker, or the driver for {@link Ray#put})
 * @param objectSize the value's size in bytes, serialised
 */
public record ObjectLocation(String host, int port, long pid, long objectSize) {
}
