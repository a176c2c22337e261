package dev.rosetta.distributed;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import dev.rosetta.multiprocessing.PicklableRunnable;
import dev.rosetta.multiprocessing.Queue;
import java.io.Serial;
import java.util.concurrent.CountDownLatch;

/**
 * The target of one member's process: starts a Hazelcast member in that JVM, says so on
 * {@code ready}, and runs until the member shuts down (the JVM's SIGTERM hook does it, or a task
 * that shuts the member down). Started by {@link LocalCluster} through multiprocessing's
 * {@link dev.rosetta.multiprocessing.Process}, which also ends it if the caller's JVM dies.
 *
 * @param clusterName the cluster's unique name
 * @param name        this member's name, {@code member-N}
 * @param port        the port it listens on
 * @param firstPort   the first member's port, which the others join (the first: its own)
 * @param ready       where it puts its name once it has joined
 * @param logLevel    Hazelcast's log level, as in the JVM that started it
 */
record MemberProcess(String clusterName, String name, int port, int firstPort, Queue<String> ready,
                     String logLevel)
        implements PicklableRunnable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public void run() throws InterruptedException {
        HazelcastSettings.quietLogging(logLevel);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastSettings.member(clusterName, name, port, firstPort));
        var shutDown = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                shutDown.countDown();
            }
        });
        if (!member.getLifecycleService().isRunning()) {
            return;
        }
        Worker.start(member);
        ready.put(name);
        shutDown.await();
    }
}
