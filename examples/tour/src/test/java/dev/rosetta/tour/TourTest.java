package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.trace.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Tour tour = new Tour(new PrintStream(printed, true, StandardCharsets.UTF_8));

    /** A quick tour prints one table line per row and writes every row's figures as JSON. */
    @Test
    @SuppressWarnings("unchecked")
    void quickTourPrintsTheTableAndWritesTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tour.json");

        int code = tour.run(List.of("--quick", "--json", json.toString()));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, table);
        assertTrue(table.contains("| library | what it is | typical use | strength | weakness | measured here |"), table);
        for (TourRow row : Rows.all()) {
            assertTrue(table.contains("| " + row.claims().library() + " |"), "no table line for " + row.name() + ":\n" + table);
        }
        Map<String, Object> root = Json.parseObject(Files.readString(json));
        Map<String, Object> machine = (Map<String, Object>) root.get("machine");
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Number) machine.get("cores")).intValue());
        assertTrue(machine.get("jdk").toString().startsWith("25"), "jdk " + machine.get("jdk"));
        Map<String, Object> rows = (Map<String, Object>) root.get("rows");
        assertEquals(Rows.all().stream().map(TourRow::name).toList(), List.copyOf(rows.keySet()));
        for (TourRow row : Rows.all()) {
            Map<String, Object> result = (Map<String, Object>) rows.get(row.name());
            Map<String, Object> metrics = (Map<String, Object>) result.get("metrics");
            assertEquals(row.built(), result.get("built"), row.name());
            assertEquals(row.built(), !metrics.isEmpty(), row.name() + " built rows have figures, others none: " + metrics);
        }
    }

    /** --only runs just the rows named, and rows not built yet say so. */
    @Test
    void onlyRunsTheNamedRows() throws Exception {
        int code = tour.run(List.of("--quick", "--only", "dask,ray"));

        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, table);
        assertTrue(table.contains("| dask |") && table.contains("| ray |"), table);
        assertFalse(table.contains("| asyncio |"), table);
        assertTrue(table.contains("not built yet"), table);
    }

    /** An unknown row is refused with the list of rows there are. */
    @Test
    void anUnknownRowIsRefusedByName() throws Exception {
        int code = tour.run(List.of("--only", "celery"));

        String said = printed.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertTrue(said.contains("--only: no row 'celery'; the rows are threading, multiprocessing"), said);
    }

    /** The median ignores the warm-up and the outliers. */
    @Test
    void medianOfRunsAfterWarmUp() throws Exception {
        double[] figures = {100, 1, 3, 2};
        int[] call = {0};
        assertEquals(2.0, Measure.median(1, 3, () -> figures[call[0]++]));
        assertEquals(2.5, Measure.median(1, 2, 3, 4));
    }
}
