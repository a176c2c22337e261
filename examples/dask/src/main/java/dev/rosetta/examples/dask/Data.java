package dev.rosetta.examples.dask;

import dev.rosetta.dask.TaxiTrips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static double megabytes(Path file) {
        try {
            return Files.size(file) / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
