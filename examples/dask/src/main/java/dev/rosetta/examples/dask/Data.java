package dev.rosetta.examples.dask;

import dev.rosetta.dask.TaxiTrips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The examples' data: a generated taxi-trips CSV in a temporary directory, deleted when the JVM exits. */
final class Data {
    private Data() {
    }

    /** A trips CSV of about {@code megabytes} MB (seed 42: the same bytes every run). */
    static Path trips(double megabytes) {
        try {
            Path dir = Files.createTempDirectory("dask-example");
            Path csv = dir.resolve("trips.csv");
            long rows = TaxiTrips.write(csv, (long) (megabytes * 1e6), 42);
            dir.toFile().deleteOnExit(); // files registered later are deleted first: the CSV, then its directory
            csv.toFile().deleteOnExit();
            System.out.printf(Locale.ROOT, "generated %s: %,d trips, %.1f MB%n", csv.getFileName(), rows, Files.size(csv) / 1e6);
            return csv;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For a main that must run under a small heap: when this JVM's heap is above 256 MB (the
     * default is a quarter of the machine's memory), runs {@code main} again in a child JVM with
     * {@code -Xmx32m}, its output on this one's, and returns true; else prints the heap, returns false.
     */
    static boolean rerunUnderSmallHeap(Class<?> main, String[] args) throws IOException, InterruptedException {
        if (Runtime.getRuntime().maxMemory() <= 256L << 20) {
            System.out.printf(Locale.ROOT, "max heap %.0f MB%n", heapMegabytes());
            return false;
        }
        System.out.println("this JVM's heap is large; running again with -Xmx32m:");
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the child JVM failed with exit code " + child.exitValue());
        }
        return true;
    }

    static double heapMegabytes() {
        return Runtime.getRuntime().maxMemory() / 1e6;
    }

    /** Argument {@code i} as a number, or {@code otherwise} when there is none. */
    static double arg(String[] args, int i, double otherwise) {
        return args.length > i ? Double.parseDouble(args[i]) : otherwise;
    }

    static double megabytes(Path file) {
        try {
            return Files.size(file) / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
