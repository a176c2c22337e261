package dev.rosetta.tour;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The tour's words in the reader's language: the resource bundle {@code dev/rosetta/tour/words}
 * ({@code words.properties}, English, the default; {@code words_ko.properties}, Korean). Every
 * line the tour prints and every claim of the comparison table comes from there, looked up by
 * key; the JSON's keys never change with the language.
 *
 * <p>Thread-safety: immutable.
 *
 * @param bundle the words, in one language
 */
public record Words(ResourceBundle bundle) {
    /** The languages there are words for, by the code {@code --lang} takes. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "ko");

    /** The words for {@code language} ({@code en} or {@code ko}); an error names the languages there are. */
    public static Words of(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("--lang: no words for '" + language + "'; the languages are "
                    + String.join(", ", LANGUAGES));
        }
        // no fallback to the JVM's own locale: English is the base bundle, Korean only when asked for
        return new Words(ResourceBundle.getBundle("dev.rosetta.tour.words", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The language a {@code LANG} environment value asks for: {@code ko} for {@code ko_KR.UTF-8}, else {@code en}. */
    public static String fromLang(String lang) {
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("ko") ? "ko" : "en";
    }

    /** The words under {@code key}, with {@code args} put in ({@link String#format} patterns). */
    public String get(String key, Object... args) {
        return args.length == 0 ? bundle.getString(key) : String.format(Locale.ROOT, bundle.getString(key), args);
    }

    /** The seed's claims about the row {@code name} (keys {@code row.NAME.whatItIs}, ...), in this language. */
    public TourRow.Claims claims(String name) {
        String row = "row." + name + ".";
        return new TourRow.Claims(get(row + "library"), get(row + "whatItIs"), get(row + "typicalUse"),
                get(row + "strength"), get(row + "weakness"), get(row + "background"));
    }
}
