package dev.rosetta.common;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the project's tools say, in the reader's language: a resource bundle of
 * {@link String#format} patterns by key ({@code NAME.properties} in English, the default;
 * {@code NAME_ko.properties} in Korean, with the same keys). The tour and the coach each have
 * their own bundle; the code looks words up by key and never branches on the language.
 *
 * <p>Thread-safety: immutable.
 *
 * @param bundle the words, in one language
 */
public record Words(ResourceBundle bundle) {
    /** The languages there are words for, by the code {@code --lang} takes. */
    public static final List<String> LANGUAGES = List.of("en", "ko");

    /**
     * The bundle {@code baseName} ({@code dev.rosetta.tour.words}) in {@code language}
     * ({@code en} or {@code ko}); an unknown language is an error naming the ones there are.
     */
    public static Words of(String baseName, String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("--lang: no words for '" + language + "'; the languages are "
                    + String.join(", ", LANGUAGES));
        }
        // no fallback to the JVM's own locale: English is the base bundle, Korean only when asked for
        return new Words(ResourceBundle.getBundle(baseName, Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The language a {@code LANG} environment value asks for: {@code ko} for {@code ko_KR.UTF-8}, else {@code en}. */
    public static String fromLang(String lang) {
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("ko") ? "ko" : "en";
    }

    /** The words under {@code key}, with {@code args} put in ({@link String#format} patterns: a plain % is %%). */
    public String get(String key, Object... args) {
        return String.format(Locale.ROOT, bundle.getString(key), args);
    }

    /**
     * The keys written in one language's own file ({@code NAME.properties} for English,
     * {@code NAME_ko.properties} for Korean) — not those a bundle inherits from English — so that a
     * test can tell a key missing from a translation.
     */
    public static java.util.SortedSet<String> ownKeys(String baseName, String language) {
        String file = baseName.replace('.', '/') + (language.equals("en") ? "" : "_" + language) + ".properties";
        try (var in = Words.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalArgumentException("no words file " + file + " on the class path");
            }
            var properties = new java.util.Properties();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return new java.util.TreeSet<>(properties.stringPropertyNames());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }
}
