package dev.rosetta.dask;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated, deterministic CSV of taxi-like trips, the data set of the dask examples and the
 * tour: the same seed and size give the same bytes on every machine.
 *
 * <pre>
 * trip_id,pickup_zone,dropoff_zone,passengers,distance_km,fare,tip,paid_by_card
 * 0,Midtown,"Harlem, East",1,3.41,10.73,2.15,true
 * </pre>
 * Zones are a fixed list of {@value #ZONE_COUNT} (one with a comma, so quoted); {@code tip} is
 * empty (null) on a cash trip.
 *
 * <p>Thread-safety: stateless.
 */
public final class TaxiTrips {
    /** The columns, in order. */
    public static final String HEADER = "trip_id,pickup_zone,dropoff_zone,passengers,distance_km,fare,tip,paid_by_card";
    static final int ZONE_COUNT = 24;
    /** The pickup and drop-off zones. */
    public static final List<String> ZONES = List.of("Midtown", "Harlem, East", "Astoria", "Chelsea", "SoHo",
            "Tribeca", "Flushing", "Williamsburg", "Bushwick", "Red Hook", "Greenpoint", "Jamaica", "Inwood",
            "Murray Hill", "Gramercy", "Kips Bay", "Yorkville", "Dumbo", "Park Slope", "Sunnyside", "Long Island City",
            "Battery Park", "Hudson Yards", "Financial District");

    private TaxiTrips() {
    }

    /** Writes about {@code bytes} bytes of trips (whole rows) to {@code file}; returns the number of rows. */
    public static long write(Path file, long bytes, long seed) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(out, bytes, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes about {@code bytes} bytes of trips to {@code out}; returns the number of rows. */
    public static long write(OutputStream out, long bytes, long seed) throws IOException {
        var random = new SplittableRandom(seed);
        var sb = new StringBuilder(1 << 16);
        sb.append(HEADER).append('\n');
        long written = 0;
        long rows = 0;
        while (written + sb.length() < bytes) {
            row(sb, rows++, random);
            if (sb.length() > 60_000) {
                byte[] chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
                out.write(chunk);
                written += chunk.length;
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        return rows;
    }

    private static void row(StringBuilder sb, long id, SplittableRandom random) {
        double distance = 0.3 + random.nextDouble() * random.nextDouble() * 25;
        double fare = 3.0 + 1.75 * distance + random.nextDouble() * 2;
        boolean card = random.nextInt(10) < 7;
        sb.append(id).append(',');
        zone(sb, ZONES.get(random.nextInt(ZONES.size())));
        sb.append(',');
        zone(sb, ZONES.get(random.nextInt(ZONES.size())));
        sb.append(',').append(1 + random.nextInt(random.nextInt(10) < 7 ? 1 : 6)).append(',');
        cents(sb, distance).append(',');
        cents(sb, fare).append(',');
        if (card) {
            cents(sb, fare * random.nextDouble() * 0.3);
        }
        sb.append(',').append(card).append('\n');
    }

    /** {@code x} with two decimals, as {@code "%.2f"} writes it but without its cost. */
    private static StringBuilder cents(StringBuilder sb, double x) {
        long c = Math.round(x * 100);
        long frac = c % 100;
        return sb.append(c / 100).append('.').append(frac < 10 ? "0" : "").append(frac);
    }

    private static void zone(StringBuilder sb, String zone) {
        if (zone.contains(",")) {
            sb.append('"').append(zone).append('"');
        } else {
            sb.append(zone);
        }
    }
}
