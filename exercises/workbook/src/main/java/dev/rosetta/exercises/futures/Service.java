package dev.rosetta.exercises.futures;

/**
 * A remote service that answers requests (given; you do not edit it). A call blocks until the
 * answer comes, and may throw: the service is down.
 */
@FunctionalInterface
public interface Service {
    /** The service's answer to {@code request}; blocks while it thinks. */
    String call(String request);
}
