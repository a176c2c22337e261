package dev.rosetta.tour;

import dev.rosetta.common.Words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rosetta.testkit.TimeLimit;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The tour's word bundles: the same keys in every language, and claims for every row. */
@TimeLimit(seconds = 10)
class WordsTest {

    /** A key in one language and not the other would print English in the middle of Korean (or fail). */
    @Test
    void everyKeyIsInEveryLanguage() {
        Set<String> english = keys("en");
        for (String language : Words.LANGUAGES) {
            Set<String> other = keys(language);
            var missing = new TreeSet<>(english);
            missing.removeAll(other);
            var extra = new TreeSet<>(other);
            extra.removeAll(english);
            assertEquals(Set.of(), missing, "keys of words.properties missing from the '" + language + "' words");
            assertEquals(Set.of(), extra, "keys of the '" + language + "' words that words.properties lacks");
        }
    }

    /** Every row of the grid has its six claims in every language, none blank. */
    @Test
    void everyRowHasItsClaimsInEveryLanguage() {
        for (String language : Words.LANGUAGES) {
            Words words = TourRow.words(language);
            for (TourRow row : Rows.all()) {
                TourRow.Claims c = row.claims(words);
                for (String field : new String[] {c.library(), c.whatItIs(), c.typicalUse(), c.strength(), c.weakness(),
                        c.background()}) {
                    assertFalse(field.isBlank(), row.name() + " has a blank claim in '" + language + "': " + c);
                }
            }
        }
    }

    private static Set<String> keys(String language) {
        return Words.ownKeys("dev.rosetta.tour.words", language);
    }
}
