/**
 * Ray on Hazelcast: the runtime that {@code Ray.init(HazelcastRuntime.members(2))} chooses, so
 * that the same program that runs on core's local cluster runs on member JVMs. Start at
 * {@link dev.rosetta.distributed.ray.HazelcastRuntime}.
 *
 * <ul>
 *   <li>tasks through the cluster's {@code IExecutorService}, run again on another member when
 *       theirs dies ({@code RunTask});</li>
 *   <li>small objects inline in the driver, large ones in the cluster's {@code IMap}, read by the
 *       member that needs them ({@code Stored});</li>
 *   <li>actors in one member's memory, their calls in order through a mailbox in the driver that
 *       sends one batch at a time ({@code HazelcastActor}, {@code ActorHome}).</li>
 * </ul>
 */
package dev.rosetta.distributed.ray;
