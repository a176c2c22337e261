package dev.rosetta.distributed;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of a {@link LocalCluster}'s members and of the client in the
 * caller's JVM, in one place, each setting with its reason.
 *
 * <ul>
 *   <li><b>Private.</b> Members bind 127.0.0.1 only, find each other by TCP-IP at explicit ports
 *       (no multicast, no cloud auto-detection), and never phone home. The cluster name is unique
 *       per cluster: a member or client of another cluster on the same ports is refused, so
 *       parallel test runs never join each other. The name is random, but it is no password:
 *       Hazelcast's open-source edition checks nothing else of whoever connects (no credentials, no
 *       TLS), and it reads tasks with Java serialisation; binding 127.0.0.1 is what keeps other
 *       machines out.</li>
 *   <li><b>Fast and certain to form one cluster.</b> The first member lists only itself, so it is
 *       the master at once; every other member joins it by name ({@code required-member}), with no
 *       wait and no election: two members can never both decide they are first (with a list of
 *       peers and no wait, that happened on a loaded machine, the second member losing track of
 *       its master); a killed member is noticed within a second, by its closed
 *       connections (a member that hangs, after {@value #DEAD_AFTER_SECONDS} s without a heartbeat). Fewer partitions ({@value #PARTITIONS}) than the default 271: less to
 *       migrate when a member leaves a small cluster. No metrics, no statistics.</li>
 *   <li><b>Quiet.</b> Hazelcast logs through {@code java.util.logging}, warnings and worse only
 *       (and not the warnings every member JVM would print: that it lacks {@code --add-opens}
 *       options, and each connection a killed member reset); {@code -Drosetta.hazelcast.log=INFO}
 *       shows everything from INFO up, startup and membership messages included.</li>
 * </ul>
 */
final class HazelcastSettings {
    /** The map behind every cluster's {@link ObjectStore}. */
    static final String STORE = "rosetta-objects";
    /** The executor behind every cluster's tasks. */
    static final String EXECUTOR = "rosetta-tasks";
    /** Member attribute: {@code member-1}, ... */
    static final String NAME = "rosetta.name";
    /** Member attribute: the member JVM's process id. */
    static final String PID = "rosetta.pid";
    /**
     * Members: declared dead after this long without a heartbeat. A killed member's closed
     * connections give it away within a second; this limit is for a member that hangs. 10 s made
     * members suspect each other falsely while a loaded 2-core machine started them.
     */
    static final int DEAD_AFTER_SECONDS = 30;
    /** The client: a connection silent this long is closed (longer than members': a flood of tasks delays heartbeats). */
    static final int CLIENT_GIVES_UP_SECONDS = 20;
    static final int PARTITIONS = 31;
    /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /**
     * Warns, in every member JVM, that Hazelcast would like {@code --add-opens} options for its
     * fastest paths; members are started with multiprocessing's worker options, which do not give them.
     */
    private static final Logger MODULE_WARNING = Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");
    /** Warns, with a stack trace, of every connection a dead member reset; its departure is still logged. */
    private static final Logger CONNECTIONS = Logger.getLogger("com.hazelcast.internal.server.tcp");

    private HazelcastSettings() {
    }

    /** The level Hazelcast logs at, here and in the members this JVM starts: {@code -Drosetta.hazelcast.log=LEVEL}. */
    static String logLevel() {
        return System.getProperty("rosetta.hazelcast.log", "WARNING");
    }

    /** Hazelcast logs through java.util.logging at {@code levelName}; call before the first instance starts. */
    static void quietLogging(String levelName) {
        System.setProperty("hazelcast.logging.type", "jdk");
        Level level = Level.parse(levelName);
        HAZELCAST_LOG.setLevel(level);
        Level quieter = level.intValue() < Level.WARNING.intValue() ? level : Level.SEVERE;
        MODULE_WARNING.setLevel(quieter);
        CONNECTIONS.setLevel(quieter);
    }

    /** A member named {@code name} listening at {@code port}, joining the first member, at {@code firstPort}. */
    static Config member(String clusterName, String name, int port, int firstPort) {
        var config = new Config().setClusterName(clusterName).setInstanceName(clusterName + "-" + name);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(DEAD_AFTER_SECONDS));
        config.setProperty("hazelcast.partition.count", String.valueOf(PARTITIONS));
        // fewer threads than Hazelcast's defaults for a server: each task hops between them, and
        // on a small machine every hop is a context switch
        config.setProperty("hazelcast.io.thread.count", "1");
        config.setProperty("hazelcast.operation.thread.count", "2");
        config.setProperty("hazelcast.operation.generic.thread.count", "1");
        config.getMetricsConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);
        config.getMemberAttributeConfig()
                .setAttribute(NAME, name)
                .setAttribute(PID, String.valueOf(ProcessHandle.current().pid()));
        config.getExecutorConfig(EXECUTOR).setStatisticsEnabled(false);
        config.getMapConfig(STORE).setBackupCount(1).setStatisticsEnabled(false);

        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        var join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        var tcpIp = join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
        if (port == firstPort) {
            tcpIp.setMembers(addresses(List.of(port)));
        } else {
            tcpIp.setRequiredMember(addresses(List.of(firstPort)).getFirst());
        }
        return config;
    }

    /** A client of the cluster whose members listen at {@code ports}; it gives up after {@code connectMillis} without one. */
    static ClientConfig client(String clusterName, List<Integer> ports, long connectMillis) {
        var config = new ClientConfig().setClusterName(clusterName).setInstanceName(clusterName + "-client");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.heartbeat.interval", "1000");
        config.setProperty("hazelcast.client.heartbeat.timeout", String.valueOf(CLIENT_GIVES_UP_SECONDS * 1000));
        config.setProperty("hazelcast.client.io.input.thread.count", "1");
        config.setProperty("hazelcast.client.io.output.thread.count", "1");
        config.setProperty("hazelcast.client.response.thread.count", "1");
        config.getMetricsConfig().setEnabled(false);
        config.getNetworkConfig().setAddresses(addresses(ports));
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectMillis)
                .setInitialBackoffMillis(100)
                .setMaxBackoffMillis(1000);
        return config;
    }

    private static List<String> addresses(List<Integer> ports) {
        return ports.stream().map(p -> "127.0.0.1:" + p).toList();
    }
}
