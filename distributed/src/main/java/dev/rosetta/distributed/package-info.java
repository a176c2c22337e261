/**
 * A cluster of JVMs on Hazelcast, the ground under the distributed rows: dask.distributed's
 * scheduler/worker split and ray's cluster, small enough to read.
 *
 * <ul>
 *   <li>{@link dev.rosetta.distributed.LocalCluster}: {@code start(n)} starts n Hazelcast members,
 *       each a JVM of its own started through core's {@code multiprocessing.Process}, on 127.0.0.1,
 *       and a client in this JVM; {@code close()} leaves no process behind
 *       (dask's {@code LocalCluster}, ray's {@code ray.init()} on one machine);</li>
 *   <li>{@link dev.rosetta.distributed.Cluster}: {@code submit(task)}, {@code submit(task, key)} to
 *       the member that owns the key ("place work where its data is"), {@code members()},
 *       {@code onMemberLeft(...)}; a task whose member dies is resubmitted elsewhere
 *       (dask's {@code Client}, ray's remote functions) — so tasks must be idempotent;</li>
 *   <li>{@link dev.rosetta.distributed.ObjectStore}: objects in the members' memory, each with a
 *       backup on another member ({@code ray.put}/{@code ray.get}, dask's {@code scatter}/{@code gather});</li>
 *   <li>{@link dev.rosetta.distributed.Worker}: a task's view of the member running it
 *       (dask's {@code get_worker()}), with member-local state where actors can live.</li>
 * </ul>
 *
 * <p>It knows nothing of task graphs or actors: a dask scheduler walks its graph and submits each
 * task near its inputs; ray resolves refs, pins an actor's calls to one member, and retries. Core
 * stays free of Hazelcast; this module is the only place that uses it. {@code Bench} measures the
 * per-task cost; {@code TwoMembers} shows who ran what.
 */
package dev.rosetta.distributed;
