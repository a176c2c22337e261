package dev.rosetta.trace;

/**
 * Where a span ran: a process and a thread in it. In a timeline every lane is one row, so a
 * picture of four threads taking turns under the GIL has four rows, and a pool of two worker
 * processes has one row per worker thread, grouped by process.
 *
 * <p>Thread-safety: immutable.
 *
 * @param process the process label: "main" for the JVM the learner started (or
 *                {@code -Drosetta.trace.process=NAME}); for a pool's worker process
 *                "worker-1 (pid 1234)" ({@link #workerProcess}): a worker labels its spans
 *                "worker", and the pool relabels them with the worker's number and pid as they arrive
 * @param thread  the thread's name
 */
public record Lane(String process, String thread) {
    /** This JVM's process label: {@code -Drosetta.trace.process}, else "main". */
    public static String processName() {
        return System.getProperty("rosetta.trace.process", "main");
    }

    /** The label of a pool's worker process: "worker-1 (pid 1234)". */
    public static String workerProcess(int number, long pid) {
        return "worker-" + number + " (pid " + pid + ")";
    }

    /** The lane of the calling thread. */
    public static Lane current() {
        return new Lane(processName(), Thread.currentThread().getName());
    }

    @Override
    public String toString() {
        return process + "/" + thread;
    }
}
