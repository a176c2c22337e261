package dev.rosetta.distributed;

import com.hazelcast.client.HazelcastClient;
import dev.rosetta.multiprocessing.Process;
import dev.rosetta.multiprocessing.Queue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A cluster on this machine: n Hazelcast members, each in a JVM of its own, and a client in this
 * JVM that submits — dask.distributed's {@code LocalCluster(n_workers=n)} with its {@code Client},
 * ray's {@code ray.init()} on one machine.
 *
 * <pre>{@code
 * try (var local = LocalCluster.start(2)) {     // two member JVMs, joined
 *     Cluster cluster = local.cluster();
 *     long pid = cluster.submit(() -> ProcessHandle.current().pid()).join();   // a member's pid
 * }                                              // every member stopped, no process left
 * }</pre>
 *
 * <p><b>How.</b> Each member is a {@link Process} of core's multiprocessing (the same child JVM a
 * {@code Pool}'s workers use; it ends if this JVM dies) whose target ({@code MemberProcess}) starts
 * an embedded Hazelcast member on 127.0.0.1 at a port chosen here, joining the others by TCP-IP
 * under a cluster name made for this cluster alone (settings and reasons: {@code HazelcastSettings}).
 * The first member starts alone, the others once it is up, and they join it: one cluster, never
 * two that each think they came first. Members report on a multiprocessing {@link Queue} when they have
 * joined; a member that exits first fails {@link #start} with its exit code (its error is printed
 * above, as the child's standard error is this JVM's).
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #kill} and {@link #close}
 * are guarded by this object's lock.
 */
public final class LocalCluster implements AutoCloseable {
    /** How long members may take to start and join, on a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long a member may take to stop after SIGTERM before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    // @GuardedBy("this")
    private final List<Process> processes;
    private final Cluster cluster;

    private LocalCluster(String name, List<Process> processes, Cluster cluster) {
        this.name = name;
        this.processes = processes;
        this.cluster = cluster;
    }

    /**
     * Starts {@code members} member JVMs and connects to them; returns once all have joined.
     *
     * @throws IllegalStateException if a member exits before joining, or they take longer than 90 s
     */
    public static LocalCluster start(int members) throws InterruptedException {
        if (members < 1) {
            throw new IllegalArgumentException("a cluster needs at least 1 member, asked for " + members);
        }
        String name = "rosetta-" + UUID.randomUUID();
        List<Integer> ports = freePorts(members);
        var processes = new ArrayList<Process>();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Queue<String> ready = Queue.create()) {
            for (int i = 0; i < members; i++) {
                var member = new Process(new MemberProcess(name, "member-" + (i + 1), ports.get(i), ports.getFirst(), ready,
                        HazelcastSettings.logLevel()));
                member.name("member-" + (i + 1)).daemon(true).start();
                processes.add(member);
                if (i == 0 || i == members - 1) {
                    awaitJoined(ready, processes, i == 0 ? 1 : members - 1, deadline);
                }
            }
            HazelcastSettings.quietLogging(HazelcastSettings.logLevel());
            var client = HazelcastClient.newHazelcastClient(HazelcastSettings.client(name, ports, START_TIMEOUT.toMillis()));
            return new LocalCluster(name, processes, new Cluster(client, true));
        } catch (RuntimeException | InterruptedException | Error failed) {
            stop(processes);
            throw failed;
        }
    }

    /** Waits until {@code count} more members say they have joined; fails as soon as one exits. */
    private static void awaitJoined(Queue<String> ready, List<Process> processes, int count, long deadline)
            throws InterruptedException {
        for (int joined = 0; joined < count; ) {
            try {
                ready.get(Duration.ofMillis(200));
                joined++;
            } catch (Queue.Empty notYet) {
                for (Process p : processes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(p.name() + " (pid " + p.pid() + ") exited with code " + p.exitcode()
                                + " before joining the cluster; its error is printed above");
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the members did not all join within " + START_TIMEOUT.toSeconds()
                            + " s: " + processes + "; is the machine overloaded?");
                }
            }
        }
    }

    /** Ports free on 127.0.0.1 now (another program may take one before a member binds it: then start fails, naming it). */
    private static List<Integer> freePorts(int count) {
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // it was only a probe
                }
            }
        }
    }

    /** The cluster, through this JVM's client: submit tasks, use the store. */
    public Cluster cluster() {
        return cluster;
    }

    /** The cluster's unique name (Hazelcast's cluster name: a member or client must present it to join). */
    public String name() {
        return name;
    }

    /**
     * Kills a member's JVM with SIGKILL, as a crash would (Python's {@code Process.kill()}): its
     * running tasks are lost, the others notice within seconds. Returns when its process has ended.
     */
    public synchronized void kill(ClusterMember member) throws InterruptedException {
        for (Process p : processes) {
            if (p.pid() == member.pid()) {
                p.kill();
                p.join();
                return;
            }
        }
        throw new IllegalArgumentException(member + " is not a member of " + name);
    }

    /** Disconnects, then stops every member (SIGTERM, SIGKILL after a grace period); no process is left. */
    @Override
    public synchronized void close() {
        try {
            cluster.close();
        } finally {
            stop(processes);
        }
    }

    private static void stop(List<Process> processes) {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.terminate();
            }
        }
        boolean interrupted = false;
        for (Process p : processes) {
            try {
                p.join(STOP_GRACE);
                if (p.isAlive()) {
                    p.kill();
                    p.join();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                p.kill();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
