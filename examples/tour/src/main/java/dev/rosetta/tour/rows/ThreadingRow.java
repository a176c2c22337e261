package dev.rosetta.tour.rows;

import dev.rosetta.threading.Experiments;
import dev.rosetta.threading.Experiments.Increment;
import dev.rosetta.threading.GilMode;
import dev.rosetta.threading.GlobalInterpreterLock;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.TourRow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tour's {@code threading} row: CPython's GIL, simulated by {@code dev.rosetta.threading}
 * and measured (issue #4). Every figure is a median of runs after a warm-up ({@link Measure}).
 *
 * <table>
 *   <caption>metrics</caption>
 *   <tr><th>metric</th><th>workload</th><th>CPython 3.11 on 2 cores</th></tr>
 *   <tr><td>{@code cpu_speedup_gil}</td><td>two countdown threads ÷ the same work in sequence, 3.2+ GIL</td><td>0.95</td></tr>
 *   <tr><td>{@code cpu_speedup_old_gil}</td><td>same, pre-3.2 GIL</td><td>0.54 (Beazley, 2009)</td></tr>
 *   <tr><td>{@code cpu_speedup_free_threaded}</td><td>same, no GIL</td><td>(limit 2)</td></tr>
 *   <tr><td>{@code io_speedup}</td><td>20 threads × 100 ms blocking ÷ in sequence</td><td>19.5</td></tr>
 *   <tr><td>{@code convoy_p50_ms}</td><td>a short blocking call beside one CPU-bound thread, 5 ms interval</td><td>5.2</td></tr>
 *   <tr><td>{@code convoy_p50_ms_1ms}</td><td>same, 1 ms interval</td><td>-</td></tr>
 *   <tr><td>{@code lost_updates_plain}</td><td>2 × 1,000,000 {@code x += 1}, GIL</td><td>0</td></tr>
 *   <tr><td>{@code lost_updates_with_call}</td><td>same, the add is a call</td><td>34%</td></tr>
 *   <tr><td>{@code lost_updates_free_threaded}</td><td>plain {@code x += 1}, no GIL</td><td>&gt; 0</td></tr>
 * </table>
 * {@code quick} shrinks the work and runs each experiment once after its warm-up: seconds in all,
 * rougher figures.
 */
public final class ThreadingRow implements TourRow {
    private static final TourRow.Claims CLAIMS = new TourRow.Claims("threading",
            "OS threads sharing one interpreter, serialised by the GIL",
            "I/O-bound work: many sockets, files, waits",
            "cheap to start, shared memory, blocking calls release the GIL",
            "CPU-bound threads get no speed-up: one runs bytecode at a time");

    @Override
    public String name() {
        return "threading";
    }

    @Override
    public TourRow.Claims claims() {
        return CLAIMS;
    }

    @Override
    public Map<String, Object> measure(boolean quick) throws Exception {
        int warmups = 1;
        int runs = quick ? 1 : 3;
        long countdown = quick ? 300_000 : 2_000_000;
        Duration block = Duration.ofMillis(quick ? 25 : 100);
        int calls = quick ? 20 : 200;
        int increments = quick ? 500_000 : 1_000_000;

        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("cpu_speedup_gil", ratio(warmups, runs, () -> Experiments.cpuBound(GilMode.GIL, countdown).speedup()));
        metrics.put("cpu_speedup_old_gil", ratio(warmups, runs, () -> Experiments.cpuBound(GilMode.OLD_GIL, countdown).speedup()));
        metrics.put("cpu_speedup_free_threaded",
                ratio(warmups, runs, () -> Experiments.cpuBound(GilMode.FREE_THREADED, countdown).speedup()));
        metrics.put("io_speedup", ratio(warmups, runs, () -> Experiments.ioBound(20, block).speedup()));
        metrics.put("convoy_p50_ms", ratio(warmups, runs,
                () -> Experiments.convoy(Duration.ofMillis(5), calls, true).p50Millis()));
        metrics.put("convoy_p50_ms_1ms", ratio(warmups, runs,
                () -> Experiments.convoy(Duration.ofMillis(1), calls, true).p50Millis()));
        metrics.put("lost_updates_plain", count(warmups, runs, () -> Experiments.lostUpdates(
                GlobalInterpreterLock.of(GilMode.GIL), Increment.PLAIN, increments)));
        metrics.put("lost_updates_with_call", count(warmups, runs, () -> Experiments.lostUpdates(
                GlobalInterpreterLock.of(GilMode.GIL), Increment.WITH_CALL, increments)));
        metrics.put("lost_updates_free_threaded", count(warmups, runs, () -> Experiments.lostUpdates(
                GlobalInterpreterLock.of(GilMode.FREE_THREADED), Increment.PLAIN, increments)));
        return metrics;
    }

    private static double ratio(int warmups, int runs, Measure.Run run) throws Exception {
        return Measure.round(Measure.median(warmups, runs, run), 2);
    }

    private static long count(int warmups, int runs, Measure.Run run) throws Exception {
        return Math.round(Measure.median(warmups, runs, run));
    }
}
