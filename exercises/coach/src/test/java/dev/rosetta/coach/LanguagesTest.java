package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.common.Words;
import dev.rosetta.testkit.TimeLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coach in other languages: the same words in each, and whole hint sets. */
@TimeLimit(seconds = 60)
class LanguagesTest {

    /** A key in English and not in Korean (or the other way) would break a Korean screen. */
    @Test
    void everyWordIsInEveryLanguage() {
        Set<String> english = Words.ownKeys("dev.rosetta.coach.words", "en");
        for (String language : Words.LANGUAGES) {
            Set<String> other = Words.ownKeys("dev.rosetta.coach.words", language);
            var missing = new TreeSet<>(english);
            missing.removeAll(other);
            var extra = new TreeSet<>(other);
            extra.removeAll(english);
            assertEquals(Set.of(), missing, "coach words missing from '" + language + "'");
            assertEquals(Set.of(), extra, "coach words in '" + language + "' that English lacks");
        }
    }

    /**
     * Where an exercise has hints in another language ({@code hints/ID/ko/}), it has every step the
     * English set has, and its title: a learner must never get hint 2 in Korean and hint 3 missing.
     */
    @Test
    void aTranslatedHintSetHasEveryStep() throws IOException {
        Workbook workbook = Workbook.locate();
        var problems = new ArrayList<String>();
        int translated = 0;
        for (Exercise e : workbook.manifest().exercises()) {
            if (e.hints().isEmpty()) {
                continue;
            }
            Path dir = workbook.hint(e.hints().getFirst()).getParent();
            for (String language : Words.LANGUAGES) {
                Path other = dir.resolve(language);
                if (!Files.isDirectory(other)) {
                    continue;
                }
                translated++;
                for (String hint : e.hints()) {
                    Path step = other.resolve(Path.of(hint).getFileName());
                    if (!Files.isRegularFile(step)) {
                        problems.add(e.id() + ": " + workbook.show(other) + " has no " + step.getFileName()
                                + " (the English set has " + hint + ")");
                    }
                }
                if (!Files.isRegularFile(other.resolve("title.md"))) {
                    problems.add(e.id() + ": " + workbook.show(other) + " has no title.md");
                }
                try (Stream<Path> files = Files.list(other)) {
                    var expected = new TreeSet<String>();
                    e.hints().forEach(h -> expected.add(Path.of(h).getFileName().toString()));
                    expected.add("title.md");
                    files.map(f -> f.getFileName().toString()).filter(f -> !expected.contains(f))
                            .forEach(f -> problems.add(e.id() + ": " + workbook.show(other) + " has " + f
                                    + ", a step the English set does not have"));
                }
            }
        }
        assertEquals(java.util.List.of(), problems);
        assertTrue(translated > 0, "no translated hint set found: the Korean hints of threading/racy-counter are expected");
    }

    /** {@code learn --lang ko}: progress, the next exercise's Korean title, and a Korean hint. */
    @Test
    void theCoachSpeaksKorean(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Path first = fixture.workbook.hint(fixture.workbook.manifest().exercises().getFirst().hints().getFirst());
        Path ko = first.resolveSibling("ko");
        Files.createDirectories(ko);
        Files.writeString(ko.resolve("title.md"), "두 수 더하기\n");
        Files.writeString(ko.resolve(first.getFileName()), "더하기 연산자를 쓰세요.\n");

        assertEquals(0, fixture.learn("--lang", "ko"));
        String said = fixture.printed();
        assertTrue(said.contains("진도 ["), said);
        assertTrue(said.contains("다음: demo/adder — 두 수 더하기"), said);

        assertEquals(0, fixture.learn("hint", "demo/adder", "--lang", "ko"));
        said = fixture.printed();
        assertTrue(said.contains("더하기 연산자를 쓰세요."), said);

        assertEquals(2, fixture.learn("--lang", "fr"));
        assertTrue(fixture.printed().contains("--lang: no words for 'fr'; the languages are en, ko"), fixture.printed());
    }
}
