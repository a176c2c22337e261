package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.TimelineFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A worker killed with SIGKILL in the middle of the work: the pool survives.
 *
 * <pre>
 * # In CPython this hangs for ever (cpython#96062): Pool never notices the lost task.
 * with Pool(2) as pool:
 *     r = pool.apply_async(time.sleep, (3600,))
 *     os.kill(worker_pid, signal.SIGKILL)
 *     r.get()                                  # waits for ever
 * # concurrent.futures.ProcessPoolExecutor raises BrokenProcessPool instead, and is then unusable.
 * </pre>
 *
 * <p>Here the task the dead worker held fails with a {@link BrokenWorkerError} that says what
 * happened, a replacement worker starts, and the pool goes on.
 */
public final class CrashSurvived {
    private CrashSurvived() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, CrashSurvived::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        Path pidFile = Files.createTempFile("rosetta-victim", ".pid");
        Files.delete(pidFile);
        try (var pool = new Pool(2)) {
            AsyncResult<Integer> victim = pool.applyAsync(CrashSurvived::sayPidAndSleep, pidFile.toString());
            while (!Files.exists(pidFile)) {
                Thread.onSpinWait();
            }
            long pid = Long.parseLong(Files.readString(pidFile));
            System.out.println("killing worker pid " + pid + " with SIGKILL while it runs a task");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            try {
                victim.get();
            } catch (BrokenWorkerError e) {
                System.out.println("its task: " + e.getMessage());
            }
            List<Integer> squares = pool.map(x -> x * x, IntStream.range(0, 10).boxed().toList());
            System.out.println("the pool goes on: " + squares);
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }

    private static int sayPidAndSleep(String pidFile) throws Exception {
        Path tmp = Path.of(pidFile + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, Path.of(pidFile));
        Thread.sleep(Long.MAX_VALUE);
        return 0;
    }
}
