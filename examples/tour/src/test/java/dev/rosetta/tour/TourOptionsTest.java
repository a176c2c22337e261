package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tour's command line (picocli): every option, the usage text, and a wrong option named. */
class TourOptionsTest {
    private static final List<TourRow> ROWS = List.of(new Rows.NotBuilt("joblib"), ReportTest.FakeRow.withChunks("fake"),
            ReportTest.FakeRow.withChunks("other"));

    @Test
    void everyOptionIsTaken() {
        var options = Tour.Options.parse(List.of("--only", "fake,other", "--quick", "--json", "t.json", "--report", "r",
                "--lang", "ko"), ROWS);
        assertEquals(Set.of("fake", "other"), options.only());
        assertTrue(options.quick());
        assertEquals(Path.of("t.json"), options.json());
        assertEquals(Path.of("r"), options.report());
        assertEquals("ko", options.lang());
        assertFalse(options.help());
        var none = Tour.Options.parse(List.of(), ROWS);
        assertEquals(Set.of(), none.only(), "no --only: every row");
        assertFalse(none.quick());
        assertNull(none.json());
        assertNull(none.report());
        assertNull(none.lang());
    }

    @Test
    void helpAndItsUsageText() {
        assertTrue(Tour.Options.parse(List.of("--help"), ROWS).help());
        assertTrue(Tour.Options.parse(List.of("-h"), ROWS).help());
        String usage = Tour.Options.usage();
        assertTrue(usage.startsWith("Usage: ./rosetta tour"), usage);
        for (String option : List.of("--only=ROW[,ROW...]", "--quick", "--json=FILE", "--report=DIR", "--lang=en|ko", "--help")) {
            assertTrue(usage.contains(option), option + " in:\n" + usage);
        }
    }

    @Test
    void aWrongOptionValueOrRowIsNamed() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> Tour.Options.parse(List.of("--qiuck"), ROWS));
        assertTrue(unknown.getMessage().contains("'--qiuck'"), unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Tour.Options.parse(List.of("--json"), ROWS));
        assertTrue(missing.getMessage().contains("'--json'"), missing.getMessage());
        var language = assertThrows(IllegalArgumentException.class, () -> Tour.Options.parse(List.of("--lang", "fr"), ROWS));
        assertTrue(language.getMessage().contains("'fr'"), language.getMessage());
        var row = assertThrows(IllegalArgumentException.class, () -> Tour.Options.parse(List.of("--only", "celery"), ROWS));
        assertEquals("--only: no row 'celery'; the rows are joblib, fake, other", row.getMessage());
        var notBuilt = assertThrows(IllegalArgumentException.class, () -> Tour.Options.parse(List.of("--only", "joblib"), ROWS));
        assertTrue(notBuilt.getMessage().startsWith("--only: joblib is not built yet"), notBuilt.getMessage());
    }
}
