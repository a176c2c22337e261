package dev.rosetta.examples.ray;

import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker killed with SIGKILL in the middle of a job, and the job still finishing: the tasks
 * it held are run again on the replacement ({@code max_retries}, 3 by default).
 *
 * <pre>{@code
 * import os, signal, time, ray
 * ray.init(num_cpus=2)
 *
 * @ray.remote                               # max_retries=3 by default
 * def work(x):
 *     time.sleep(0.005)
 *     return x
 *
 * refs = [work.remote(i) for i in range(400)]
 * ray.wait(refs, num_returns=40)           # the job is under way
 * os.kill(a_worker_pid, signal.SIGKILL)    # one worker dies, holding tasks
 * results = ray.get(refs)                  # all 400 all the same
 * print("lost:", 400 - len(set(results)))
 * }</pre>
 *
 * The lost tasks are not lost: the driver knows which tasks the dead worker held and submits
 * them again. That is safe because {@code work} has no side effect; a task that appends to a
 * file would append twice.
 */
public final class WorkerKilled {
    private WorkerKilled() {
    }

    static int work(int x) throws InterruptedException {
        Thread.sleep(5);
        return x;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, WorkerKilled::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int n = 400;
        try (Ray ray = Ray.init(2)) {
            var work = ray.remote(WorkerKilled::work);
            List<ObjectRef<Integer>> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                refs.add(work.remote(i));
            }
            ray.wait(refs, n / 10, Duration.ofMinutes(1));
            long victim = ray.workerPids().getFirst();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);  // kill -9
            System.out.println("killed a worker with SIGKILL after " + n / 10 + " of " + n + " tasks were done");

            List<Integer> results = ray.get(refs);
            long distinct = results.stream().distinct().count();
            System.out.println("results: " + results.size() + ", lost: " + (n - distinct));
            System.out.println("every result in its place: " + results.equals(java.util.stream.IntStream.range(0, n).boxed().toList()));
            System.out.println("workers now: " + ray.workerPids().size() + ", the killed one among them: " + ray.workerPids().contains(victim));
        }
    }
}
