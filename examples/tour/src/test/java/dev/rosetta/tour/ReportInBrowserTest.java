package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.Waits;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The report opened in a real browser: headless Chromium (Debian's {@code chromium} package)
 * takes a screenshot of the page, and the screenshot shows a chart and a timeline.
 *
 * <p>Skipped, saying why, when Chromium is not installed, except in CI ({@code CI=true}), where
 * its absence fails the test: {@code .ci/run} installs it.
 */
@TimeLimit(seconds = 150)
class ReportInBrowserTest {
    /** Where the screenshot is kept after the test, for a person to look at. */
    static final Path KEPT = Path.of("target", "report-screenshot.png");

    @Test
    void aHeadlessBrowserShowsTheChartAndTheTimeline(@TempDir Path dir) throws Exception {
        Path chromium = chromium().orElse(null);
        if (chromium == null) {
            String why = "no Chromium on this machine (looked for chromium, chromium-browser on PATH); install"
                    + " Debian's package to run this test: apt-get install -y chromium";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ". Under CI=true the report must be checked in a real browser: .ci/run installs it.");
            }
            Assumptions.abort(why);
        }
        Path report = dir.resolve("report");
        ReportTest.writeReport(report, ReportTest.FakeRow.withChunks("alpha"));
        String timelineFill = barColour(report.resolve("alpha-timeline.svg"));
        for (Color chartColour : List.of(Charts.MEASURED, Charts.PYTHON, Charts.IDEAL, Charts.GOAL)) {
            assertTrue(!hex(chartColour).equalsIgnoreCase(timelineFill),
                    "the fake timeline's colour " + timelineFill + " is a chart colour: the screenshot could not tell them apart");
        }

        Path png = dir.resolve("screenshot.png");
        screenshot(chromium, report.resolve(Report.PAGE), png, dir.resolve("profile"), dir.resolve("chromium.log"));
        Files.createDirectories(KEPT.getParent());
        Files.copy(png, KEPT, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        BufferedImage shot = ImageIO.read(png.toFile());
        assertNotNull(shot, "Chromium's screenshot is not a PNG: " + png);
        assertEquals(1280, shot.getWidth(), "the window size asked for");
        var colours = new HashSet<Integer>();
        for (int y = 0; y < shot.getHeight(); y += 3) {
            for (int x = 0; x < shot.getWidth(); x += 3) {
                colours.add(shot.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 50, "the screenshot is nearly blank (" + colours.size() + " colours): the page did"
                + " not render; see " + KEPT);
        int chartPixels = pixelsOf(shot, Charts.MEASURED);
        assertTrue(chartPixels > 3_000, "the screenshot shows no chart: only " + chartPixels + " pixels of the"
                + " measured bars' blue (the legend's swatches alone give a few hundred); see " + KEPT);
        int timelinePixels = pixelsOf(shot, Color.decode(timelineFill));
        assertTrue(timelinePixels > 3_000, "the screenshot shows no timeline: only " + timelinePixels + " pixels of its"
                + " bars' colour " + timelineFill + "; see " + KEPT);
    }

    /** Starts Chromium headless on the page; waits for the screenshot, ending every process it started. */
    private static void screenshot(Path chromium, Path page, Path png, Path profile, Path log) throws Exception {
        Files.createDirectories(profile);
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1280,2000",
                page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var started = new HashSet<ProcessHandle>();
        try {
            boolean ended = Waits.until(Duration.ofSeconds(120), () -> {
                browser.descendants().forEach(started::add);   // its helpers, to end them too if they linger
                return browser.waitFor(100, TimeUnit.MILLISECONDS);
            });
            if (!ended) {
                fail("Chromium took over 120 s to take a screenshot of " + page + ":\n" + Files.readString(log));
            }
            assertEquals(0, browser.exitValue(), "Chromium failed:\n" + Files.readString(log));
            assertTrue(Files.size(png) > 0, "Chromium wrote no screenshot:\n" + Files.readString(log));
        } finally {
            browser.descendants().forEach(started::add);
            started.add(browser.toHandle());
            for (ProcessHandle process : started) {
                process.destroyForcibly();
            }
            for (ProcessHandle process : started) {
                process.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Chromium on the PATH, if installed. */
    static Optional<Path> chromium() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
                .filter(Files::isExecutable).findFirst();
    }

    /** The fill of the timeline's first bar ({@code #ff9da7}). */
    private static String barColour(Path svg) throws Exception {
        var rects = ReportTest.parse(svg).getElementsByTagNameNS("*", "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            var rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals("span")) {
                return rect.getAttribute("fill");
            }
        }
        throw new AssertionError("the timeline has no bar: " + svg);
    }

    /** Pixels within a small distance of {@code colour} (anti-aliasing and scaling blur the edges, not the insides). */
    private static int pixelsOf(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                var c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue()) <= 12) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String hex(Color colour) {
        return String.format("#%06x", colour.getRGB() & 0xffffff);
    }
}
