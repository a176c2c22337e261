package dev.rosetta.tour.rows;

import dev.rosetta.threading.Experiments;
import dev.rosetta.threading.Experiments.Increment;
import dev.rosetta.threading.GilMode;
import dev.rosetta.threading.GlobalInterpreterLock;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
import dev.rosetta.tour.TourRow;
import java.time.Duration;

/**
 * The tour's {@code threading} row: CPython's GIL, simulated by {@code dev.rosetta.threading}
 * and measured (issue #4). Every figure is a median of runs after a warm-up ({@link Measure});
 * the figures, their goals and CPython's are declared below, one constant each.
 * {@code quick} shrinks the work and runs each experiment once after its warm-up: seconds in all,
 * rougher figures.
 */
public final class ThreadingRow implements TourRow {

    static final Figure CPU_SPEEDUP_GIL = new Figure("cpu_speedup_gil", "×",
            "two CPU-bound countdown threads vs the same work in sequence, 3.2+ GIL (1 = no gain)",
            Goal.between(0.8, 1.1), "0.95").withIdeal(2);
    static final Figure CPU_SPEEDUP_OLD_GIL = new Figure("cpu_speedup_old_gil", "×",
            "the same under the pre-3.2 GIL, whose threads fight over the lock", Goal.below(1.0),
            "0.54 (Beazley, 2009)").withIdeal(2);
    static final Figure CPU_SPEEDUP_FREE_THREADED = new Figure("cpu_speedup_free_threaded", "×",
            "the same with no GIL (3.13t): real parallelism, limit 2 for two threads", Goal.atLeast(1.8),
            "— (no GIL in 3.11)").withIdeal(2);
    static final Figure IO_SPEEDUP = new Figure("io_speedup", "×",
            "20 threads each blocking 100 ms vs the same in sequence: blocking releases the GIL", Goal.atLeast(18),
            "19.5").withIdeal(20);
    static final Figure CONVOY_P50_MS = new Figure("convoy_p50_ms", "ms",
            "median time of a short blocking call beside one CPU-bound thread, 5 ms switch interval",
            Goal.between(4, 6), "5.2");
    static final Figure CONVOY_P50_MS_1MS = new Figure("convoy_p50_ms_1ms", "ms",
            "the same with sys.setswitchinterval(0.001)", Goal.atMost(1.5), "—");
    static final Figure LOST_UPDATES_PLAIN = new Figure("lost_updates_plain", "increments lost",
            "2 threads × 1,000,000 x += 1 under the GIL: the GIL happens to protect it", Goal.is(0), "0");
    static final Figure LOST_UPDATES_WITH_CALL = new Figure("lost_updates_with_call", "increments lost",
            "the same when the add is a call: a switch can land mid-update", Goal.above(0), "34% of 2,000,000");
    static final Figure LOST_UPDATES_FREE_THREADED = new Figure("lost_updates_free_threaded", "increments lost",
            "plain x += 1 with no GIL: nothing protects it", Goal.above(0), "— (no GIL in 3.11)");

    @Override
    public String name() {
        return "threading";
    }


    @Override
    public Headline headline() {
        return new Headline("two CPU-bound threads under the GIL: countdown(1,000,000) twice in sequence, then on two threads",
                "A bar is a stretch during which a thread holds the GIL. First one thread runs both countdowns;"
                        + " then two threads take turns, one bar at a time, never overlapping: that is why their"
                        + " speed-up stays near 1×. The thin marks are drop requests: the waiting thread asks the"
                        + " holder to let go once a 5 ms switch interval has passed.",
                () -> Experiments.cpuBound(GilMode.GIL, 1_000_000));
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        int warmups = 1;
        int runs = quick ? 1 : 3;
        long countdown = quick ? 300_000 : 2_000_000;
        Duration block = Duration.ofMillis(quick ? 25 : 100);
        int calls = quick ? 20 : 200;
        int increments = quick ? 500_000 : 1_000_000;

        readings.median(CPU_SPEEDUP_GIL, 2, warmups, runs, () -> Experiments.cpuBound(GilMode.GIL, countdown).speedup());
        readings.median(CPU_SPEEDUP_OLD_GIL, 2, warmups, runs,
                () -> Experiments.cpuBound(GilMode.OLD_GIL, countdown).speedup());
        readings.median(CPU_SPEEDUP_FREE_THREADED, 2, warmups, runs,
                () -> Experiments.cpuBound(GilMode.FREE_THREADED, countdown).speedup());
        readings.median(IO_SPEEDUP, 2, warmups, runs, () -> Experiments.ioBound(20, block).speedup());
        readings.median(CONVOY_P50_MS, 2, warmups, runs,
                () -> Experiments.convoy(Duration.ofMillis(5), calls, true).p50Millis());
        readings.median(CONVOY_P50_MS_1MS, 2, warmups, runs,
                () -> Experiments.convoy(Duration.ofMillis(1), calls, true).p50Millis());
        readings.count(LOST_UPDATES_PLAIN, warmups, runs, () -> Experiments.lostUpdates(
                GlobalInterpreterLock.of(GilMode.GIL), Increment.PLAIN, increments));
        readings.count(LOST_UPDATES_WITH_CALL, warmups, runs, () -> Experiments.lostUpdates(
                GlobalInterpreterLock.of(GilMode.GIL), Increment.WITH_CALL, increments));
        readings.count(LOST_UPDATES_FREE_THREADED, warmups, runs, () -> Experiments.lostUpdates(
                GlobalInterpreterLock.of(GilMode.FREE_THREADED), Increment.PLAIN, increments));
    }
}
