package dev.rosetta.tour;

import dev.rosetta.common.Words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.trace.JsonIo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {
    private static final Load QUIET = new Load(0.4, 2, List.of(new Load.Busy(7, "sshd", 0.1)));
    private static final Load BUSY = new Load(9.5, 2, List.of(new Load.Busy(4242, "java Launcher", 0.97)));

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Screen screen = Screen.plain(new PrintStream(printed, true, StandardCharsets.UTF_8));

    /** A row that measures nothing: it hands back the figures it was given. */
    private record FakeRow(String name, List<Reading> figures) implements TourRow {
        @Override
        public Claims claims(Words words) {
            return new Claims(name, "a fake library", "tests", "instant", "none", "a test");
        }

        @Override
        public void measure(Readings readings) {
            for (Reading r : figures) {
                if (r.sample() == null) {
                    readings.put(r.figure(), r.value());
                } else {
                    readings.put(r.figure(), r.sample());
                }
            }
        }
    }

    private static final Figure SPEEDUP = new Figure("cpu_speedup", "×", "two threads vs one", Goal.atLeast(1.8), "2.03");
    private static final Figure START = new Figure("pool_start_ms", "ms", "a pool's start", Goal.atMost(300), "81 (spawn)");
    private static final Figure COLD = new Figure("pool_start_ms_cold", "ms", "a first start",
            Goal.aboveFigure("pool_start_ms"), "—");
    private static final Figure SURVIVED = new Figure("crash_survived", "true/false", "a killed worker", Goal.is(true),
            "false (hangs)");
    private static final Figure BASE = new Figure("echo_rps_threads", "requests/s", "the yardstick",
            Goal.baseline("the yardstick"), "—");

    private static final FakeRow FAKE = new FakeRow("fake", List.of(
            new Reading(SPEEDUP, 1.12, new Measure.Sample(1.12, 1.05, 1.31, 5)),
            new Reading(START, 180.5, new Measure.Sample(180.5, 170.0, 222.25, 5)),
            new Reading(COLD, 150.0, null),
            new Reading(SURVIVED, true, null),
            new Reading(BASE, 4269.0, null)));
    private static final Rows.NotBuilt JOBLIB = new Rows.NotBuilt("joblib");

    private Tour tour(Load load, TourRow... rows) {
        return new Tour(screen, () -> load, List.of(rows));
    }

    private String said() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Every figure is printed with its unit, goal, CPython's figure, a verdict and its meaning; a median with its spread. */
    @Test
    void everyFigureCarriesUnitGoalAndVerdict() throws Exception {
        assertEquals(0, tour(QUIET, FAKE).run(List.of()));

        String said = said();
        assertTrue(said.contains("| figure | measured | unit | spread (min–max) | goal | CPython 3.11 | met | what it measures |"), said);
        assertTrue(said.contains("| cpu_speedup | 1.12 | × | 1.05–1.31 (5 runs) | ≥ 1.8 | 2.03 | ✗ | two threads vs one |"), said);
        assertTrue(said.contains("| pool_start_ms | 180.5 | ms | 170–222.25 (5 runs) | ≤ 300 | 81 (spawn) | ✓ | a pool's start |"), said);
        assertTrue(said.contains("| pool_start_ms_cold | 150 | ms | one run | > pool_start_ms | — | ✗ | a first start |"), said);
        assertTrue(said.contains("| crash_survived | true | true/false | one run | true | false (hangs) | ✓ |"), said);
        assertTrue(said.contains("| echo_rps_threads | 4,269 | requests/s | one run | the yardstick | — | — |"), said);
        assertTrue(said.contains("| fake | a fake library | tests | instant | none | a test | 2 of 4 goals met ✓; missed ✗: cpu_speedup,"
                + " pool_start_ms_cold |"), said);
        assertFalse(said.contains("⚠"), "a quiet machine is not called busy:\n" + said);
    }

    /** The JSON keeps the bare figures under metrics and adds what they mean under figures, and the load. */
    @Test
    void theJsonKeepsMetricsAndAddsTheirMeaning(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tour.json");
        assertEquals(0, tour(QUIET, FAKE, JOBLIB).run(List.of("--json", json.toString())));

        JsonNode root = JsonIo.read(json, JsonNode.class);
        assertFalse(root.get("busy").booleanValue());
        JsonNode fake = root.get("rows").get("fake");
        JsonNode metrics = fake.get("metrics");
        assertEquals(List.of("cpu_speedup", "pool_start_ms", "pool_start_ms_cold", "crash_survived", "echo_rps_threads"),
                keys(metrics));
        assertEquals(1.12, metrics.get("cpu_speedup").doubleValue());
        assertTrue(metrics.get("crash_survived").booleanValue());
        JsonNode speedup = fake.get("figures").get("cpu_speedup");
        assertEquals("×", speedup.get("unit").textValue());
        assertEquals("≥ 1.8", speedup.get("goal").textValue());
        assertEquals("missed", speedup.get("verdict").textValue());
        assertEquals(1.31, speedup.get("max").doubleValue());
        JsonNode baseline = fake.get("figures").get("echo_rps_threads");
        assertTrue(baseline.has("verdict") && baseline.get("verdict").isNull(), "a yardstick has no verdict: " + baseline);
        assertEquals(0.4, fake.get("load_before").get("load_average_1m").doubleValue());
        JsonNode joblib = root.get("rows").get("joblib");
        assertFalse(joblib.get("built").booleanValue());
        assertTrue(joblib.get("metrics").isObject() && joblib.get("metrics").isEmpty(), joblib.toString());
    }

    /** Figures taken while another process used a core are called unreliable, with the command to rerun. */
    @Test
    void aBusyMachineIsSaidToMakeTheFiguresUnreliable(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tour.json");
        assertEquals(0, tour(BUSY, FAKE).run(List.of("--quick", "--json", json.toString())));

        String said = said();
        assertTrue(said.contains("load before: load 9.5 on 2 cores; also busy: java Launcher (pid 4242) 97% of a core"), said);
        assertTrue(said.contains("⚠ busy machine (before: load average 9.5 on 2 cores, java Launcher (pid 4242) 97% of a core;"
                + " after: load average 9.5 on 2 cores, java Launcher (pid 4242) 97% of a core): these figures are unreliable;"
                + " rerun when it is quieter: ./rosetta tour --only fake --quick"), said);
        assertTrue(said.contains("(⚠ busy machine: unreliable) |"), said);
        assertTrue(said.contains("⚠ The machine was busy during fake"), said);
        JsonNode root = JsonIo.read(json, JsonNode.class);
        assertTrue(root.get("busy").booleanValue());
        assertTrue(root.get("rows").get("fake").get("busy").booleanValue());
    }

    /** One process using half a core, or a load above twice the cores, is busy; less is not. */
    @Test
    void whatCountsAsBusy() {
        assertEquals(List.of(), new Load(3.9, 2, List.of(new Load.Busy(1, "x", 0.49))).busyBecause());
        assertEquals(List.of("load average 4.1 on 2 cores"), new Load(4.1, 2, List.of()).busyBecause());
        assertEquals(1, new Load(0.1, 2, List.of(new Load.Busy(1, "x", 0.5))).busyBecause().size());
        assertEquals(List.of(), Load.unknown(2).busyBecause());
    }

    /** --only runs just the rows named. */
    @Test
    void onlyRunsTheNamedRows() throws Exception {
        FakeRow other = new FakeRow("other", List.of());
        assertEquals(0, tour(QUIET, FAKE, other, JOBLIB).run(List.of("--only", "other")));

        String said = said();
        assertTrue(said.contains("| other |"), said);
        assertFalse(said.contains("| fake |") || said.contains("| joblib |"), said);
    }

    /** A full tour lists a row not built yet as such; asked for by name, it is refused with a non-zero exit. */
    @Test
    void aRowNotBuiltYetSaysSo() throws Exception {
        assertEquals(0, tour(QUIET, FAKE, JOBLIB).run(List.of()));
        TourRow.Claims claims = new Rows.NotBuilt("joblib").claims(TourRow.words("en"));
        assertTrue(said().contains("| joblib | " + claims.whatItIs() + " | " + claims.typicalUse() + " | "
                + claims.strength() + " | " + claims.weakness() + " | " + claims.background() + " | not built yet |"), said());

        printed.reset();
        int code = tour(QUIET, FAKE, JOBLIB).run(List.of("--only", "joblib"));
        assertEquals(2, code, said());
        assertTrue(said().contains("tour: --only: joblib is not built yet: it has no experiment to run (the rows built"
                + " so far are fake)"), said());
    }

    /** An unknown row is refused with the list of rows there are. */
    @Test
    void anUnknownRowIsRefusedByName() throws Exception {
        int code = new Tour(screen, () -> QUIET, Rows.all()).run(List.of("--only", "celery"));

        assertEquals(2, code);
        assertTrue(said().contains("--only: no row 'celery'; the rows are threading, multiprocessing"), said());
    }

    /** A row that throws is reported as failed, with exit code 1, and the rows after it still run. */
    @Test
    void aFailedRowSaysSo() throws Exception {
        TourRow throwing = new TourRow() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public Claims claims(Words words) {
                return new Claims("throwing", "w", "u", "s", "w", "b");
            }

            @Override
            public void measure(Readings readings) {
                throw new IllegalStateException("the worker died");
            }
        };
        assertEquals(1, tour(QUIET, throwing, FAKE).run(List.of()));

        assertTrue(said().contains("FAILED: java.lang.IllegalStateException: the worker died"), said());
        assertTrue(said().contains("| fake |"), said());
    }

    /** A quick tour of the real rows prints every row's figures, writes them as JSON and as a page with a chart and a timeline per row. */
    @Test
    @TimeLimit(seconds = 300)
    void quickTourPrintsTheTableAndWritesTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tour.json");
        Path report = dir.resolve("report");

        int code = new Tour(screen, LoadGauge.proc(Duration.ofMillis(100)), Rows.all())
                .run(List.of("--quick", "--json", json.toString(), "--report", report.toString()));

        String table = said();
        assertEquals(0, code, table);
        assertTrue(table.contains("| library | what it is | typical use | strength | weakness | background | measured here |"), table);
        for (TourRow row : Rows.all()) {
            assertTrue(table.contains("| " + row.claims(TourRow.words("en")).library() + " |"), "no table line for " + row.name() + ":\n" + table);
        }
        JsonNode root = JsonIo.read(json, JsonNode.class);
        JsonNode machine = root.get("machine");
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cores").intValue());
        assertTrue(machine.get("jdk").textValue().startsWith("25"), "jdk " + machine.get("jdk"));
        JsonNode rows = root.get("rows");
        assertEquals(Rows.all().stream().map(TourRow::name).toList(), keys(rows));
        for (TourRow row : Rows.all()) {
            JsonNode result = rows.get(row.name());
            JsonNode metrics = result.get("metrics");
            JsonNode figures = result.get("figures");
            assertEquals(row.built(), result.get("built").booleanValue(), row.name());
            assertEquals(row.built(), !metrics.isEmpty(), row.name() + " built rows have figures, others none: " + metrics);
            assertEquals(keys(metrics), keys(figures), row.name() + ": every figure is described");
            figures.properties().forEach(figure -> {
                for (String field : List.of("unit", "meaning", "goal", "python")) {
                    assertTrue(figure.getValue().path(field).textValue() instanceof String s && !s.isBlank(),
                            row.name() + "." + figure.getKey() + " has no " + field);
                }
            });
        }
        var page = ReportTest.parse(report.resolve(Report.PAGE));
        for (TourRow row : Rows.all()) {
            if (row.built()) {
                assertFalse(ReportTest.figures(page, "chart", row.name()).isEmpty(), row.name() + " has no chart in the report");
                assertEquals(1, ReportTest.figures(page, "timeline", row.name()).size(), row.name() + " has no timeline in the report");
                assertTrue(Files.exists(report.resolve(row.name() + "-timeline.svg")), row.name() + "'s timeline was not drawn");
            }
        }
    }

    /** The median ignores the warm-up and the outliers; the sample keeps the spread. */
    @Test
    void medianOfRunsAfterWarmUp() throws Exception {
        double[] figures = {100, 1, 3, 2};
        int[] call = {0};
        assertEquals(new Measure.Sample(2.0, 1.0, 3.0, 3), Measure.sample(1, 3, () -> figures[call[0]++]));
        assertEquals(2.5, Measure.median(1, 2, 3, 4));
    }

    /**
     * {@code --lang ko}: the Korean article's own column names and each row's claims in Korean,
     * the figures beside them; {@code LANG=ko_KR.UTF-8} chooses the same; the JSON is unchanged.
     */
    @Test
    void inKoreanWithTheArticlesOwnColumns(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("ko.json");
        assertEquals(0, tour(QUIET, FAKE, JOBLIB).run(List.of("--lang", "ko", "--json", json.toString())));

        String said = said();
        assertTrue(said.contains("| 라이브러리 | 특징 | 사용 사례 | 장점 | 단점 | 등장 배경 | 이 컴퓨터에서 측정 |"), said);
        assertTrue(said.contains("| joblib | " + new Rows.NotBuilt("joblib").claims(TourRow.words("ko")).whatItIs() + " |"), said);
        assertTrue(said.contains("| 수치 | 측정값 | 단위 |"), said);
        assertTrue(said.contains("| cpu_speedup | 1.12 | × | 1.05–1.31 (5회 실행) |"), said);
        assertTrue(said.contains("목표 4개 중 2개 달성 ✓; 미달 ✗: cpu_speedup, pool_start_ms_cold"), said);
        JsonNode rows = JsonIo.read(json, JsonNode.class).get("rows");
        assertEquals(List.of("fake", "joblib"), keys(rows), "the JSON's keys stay the same");

        printed.reset();
        assertEquals(0, new Tour(screen, () -> QUIET, List.of(FAKE), Words.fromLang("ko_KR.UTF-8")).run(List.of()));
        assertTrue(said().contains("| 라이브러리 | 특징 |"), "LANG=ko_KR.UTF-8 chooses Korean:\n" + said());

        printed.reset();
        assertEquals(2, tour(QUIET, FAKE).run(List.of("--lang", "fr")));
        assertTrue(said().contains("--lang: no words for 'fr'; the languages are en, ko"), said());
    }

    /** An object's keys, in the order the file has them. */
    private static List<String> keys(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}
