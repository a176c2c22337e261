package dev.rosetta.tour;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads how busy the machine is ({@link Load}). The tour takes one before and one after each
 * row; tests give the tour a fake one.
 */
@FunctionalInterface
public interface LoadGauge {

    /** The machine's load now; may take a moment (watching processes use the CPU). */
    Load read() throws IOException, InterruptedException;

    /**
     * Linux's {@code /proc}: the 1-minute load average from {@code /proc/loadavg}, and each other
     * process's CPU time ({@code /proc/PID/stat}, user + system) over {@code watch}. The tour's
     * own process and its descendants (worker JVMs, echo servers) are not "others". Elsewhere:
     * {@link Load#unknown}.
     */
    static LoadGauge proc(Duration watch) {
        return () -> ProcFiles.read(Path.of("/proc"), watch);
    }

    /** The reading of {@code /proc}, kept apart from the interface for its helpers. */
    final class ProcFiles {
        /** Clock ticks per second of {@code /proc/PID/stat} times: USER_HZ, 100 on every Linux the JDK runs on. */
        private static final double TICKS_PER_SECOND = 100;
        private static final int SHOWN = 5;

        private ProcFiles() {
        }

        static Load read(Path proc, Duration watch) throws IOException, InterruptedException {
            int cores = Runtime.getRuntime().availableProcessors();
            Path loadavg = proc.resolve("loadavg");
            if (!Files.isReadable(loadavg)) {
                return Load.unknown(cores);
            }
            Map<Long, Long> before = cpuTicks(proc);
            Thread.sleep(watch);
            Map<Long, Long> after = cpuTicks(proc);
            double average = Double.parseDouble(Files.readString(loadavg).strip().split("\\s+")[0]);
            Set<Long> ours = ours();
            double seconds = watch.toNanos() / 1e9;
            var others = new ArrayList<Load.Busy>();
            after.forEach((pid, ticks) -> {
                Long was = before.get(pid);
                if (was == null || ours.contains(pid) || ticks <= was) {
                    return;
                }
                double used = (ticks - was) / TICKS_PER_SECOND / seconds;
                if (used >= 0.05) {
                    others.add(new Load.Busy(pid, command(proc, pid), used));
                }
            });
            others.sort(Comparator.comparingDouble(Load.Busy::cores).reversed());
            return new Load(average, cores, others.stream().limit(SHOWN).toList());
        }

        /** This process and every process it started, directly or not. */
        private static Set<Long> ours() {
            ProcessHandle me = ProcessHandle.current();
            return Stream.concat(Stream.of(me), me.descendants()).map(ProcessHandle::pid).collect(Collectors.toSet());
        }

        /** Each process's CPU time so far, in clock ticks. */
        private static Map<Long, Long> cpuTicks(Path proc) throws IOException {
            var ticks = new HashMap<Long, Long>();
            List<Path> pids;
            try (Stream<Path> entries = Files.list(proc)) {
                pids = entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
            }
            for (Path dir : pids) {
                try {
                    String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
                    // after "pid (comm) ": state is field 3, utime 14 and stime 15 (comm may hold spaces)
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(Long.parseLong(dir.getFileName().toString()),
                            Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
            return ticks;
        }

        /** The process's name and the start of its command line: {@code java dev.rosetta...}. */
        private static String command(Path proc, long pid) {
            try {
                String name = Files.readString(proc.resolve(pid + "/comm")).strip();
                String line = Files.readString(proc.resolve(pid + "/cmdline")).replace('\0', ' ').strip();
                String what = mainArgument(line);
                return what.isEmpty() ? name : name + " " + what;
            } catch (IOException gone) {
                return "(ended since)";
            }
        }

        /** JVM options whose value is the next word. */
        private static final Set<String> VALUED = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
                "--add-opens", "--add-exports", "--add-modules", "--add-reads");

        /** For a JVM, its main class or jar (the first word after the options); otherwise the first argument. */
        static String mainArgument(String commandLine) {
            String[] words = commandLine.split(" ");
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("-jar") && i + 1 < words.length) {
                    return shorten(words[i + 1]);
                }
                if (VALUED.contains(words[i])) {
                    i++;
                } else if (!words[i].startsWith("-") && !words[i].startsWith("@")) { // @file: options in a file
                    return shorten(words[i]);
                }
            }
            return "";
        }

        private static String shorten(String word) {
            String last = word.contains("/") ? word.substring(word.lastIndexOf('/') + 1) : word;
            return last.length() > 60 ? last.substring(0, 57) + "..." : last;
        }
    }
}
