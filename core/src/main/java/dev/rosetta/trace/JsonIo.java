package dev.rosetta.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON in and out for the whole project, through Jackson: Chrome traces, the tour's
 * {@code --json} figures, the coach's manifest, progress and reports, and the coach's wire to its
 * test JVM. Records map to objects (their components in declaration order), {@link Map}s keep their
 * key order, lists map to arrays.
 *
 * <p>What it adds to a plain {@code ObjectMapper}:
 * <ul>
 *   <li>{@link #pretty} writes the shape people read and diff: two spaces per level, one member or
 *       item per line, {@code "key": value}, empty containers as {@code []} and {@code {}}, and a
 *       final newline.</li>
 *   <li>A number JSON cannot say (NaN, ±infinity) is written as {@code null}, not as a string.</li>
 *   <li>{@link #parse} and {@link #read} turn Jackson's exceptions into one line that names the file,
 *       the line and column, where in the document ({@code exercises[2].edit}) and what was expected
 *       there, and throw it as {@link IllegalArgumentException}: the input is wrong, not the program.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; every method may be called from any thread (Jackson's readers and
 * writers are immutable once built).
 */
public final class JsonIo {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteOrNull<>(Double.class))
                    .addSerializer(double.class, new FiniteOrNull<>(Double.class))
                    .addSerializer(Float.class, new FiniteOrNull<>(Float.class))
                    .addSerializer(float.class, new FiniteOrNull<>(Float.class)))
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private JsonIo() {
    }

    /** {@code value} as JSON on one line (traces, the wire). */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as JSON indented by two spaces, one member per line, ending in a newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses {@code text} into a {@code type}: a record, a {@code Map}, or Jackson's tree
     * ({@code JsonNode.class}).
     *
     * @throws IllegalArgumentException naming the line, column, path and what was expected there
     *                                  (also for an empty text, or a bare {@code null})
     */
    public static <T> T parse(String text, Class<T> type) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            T value;
            try {
                value = MAPPER.readerFor(type).readValue(parser);
            } catch (JsonProcessingException e) {
                // described here, while the parser still knows the token it stood on
                throw new IllegalArgumentException(describe(e, parser.currentToken()), e);
            }
            if (value == null) {
                throw new IllegalArgumentException("expected " + kind(MAPPER.constructType(type)) + ", found null");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string", e);
        }
    }

    /**
     * Reads the file into a {@code type}, as {@link #parse} does.
     *
     * @throws IllegalArgumentException {@code FILE: line L, column C: ...} when the file is not the JSON expected
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return parse(Files.readString(file), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** {@code line 3, column 14, at exercises[0].edit: expected a list (a JSON array), found a string}. */
    private static String describe(JsonProcessingException e, JsonToken found) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (!path.isEmpty()) {
            where += (where.isEmpty() ? "" : ", ") + "at " + path;
        }
        return where.isEmpty() ? what(e, found) : where + ": " + what(e, found);
    }

    private static String what(JsonProcessingException e, JsonToken found) {
        return switch (e) {
            case UnrecognizedPropertyException u -> "unknown key '" + u.getPropertyName() + "'; the keys there are "
                    + u.getKnownPropertyIds().stream().map(k -> "'" + k + "'").sorted().collect(Collectors.joining(", "));
            case MismatchedInputException m when m.getTargetType() != null && kind(found) != null ->
                    "expected " + kind(MAPPER.constructType(m.getTargetType())) + ", found " + kind(found);
            case JsonMappingException m when m.getCause() instanceof StreamReadException broken ->
                    "malformed JSON: " + firstLine(broken.getOriginalMessage());
            case JsonMappingException m -> firstLine(m.getOriginalMessage());
            default -> "malformed JSON: " + firstLine(e.getOriginalMessage());
        };
    }

    /** The reference chain as a path a person can follow: {@code exercises[2].mistakes.spins}. */
    private static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(JavaType type) {
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "a list (a JSON array [...])";
        }
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Character.class || raw == char.class) {
            return "a string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return "a number";
        }
        return "an object (a JSON object {...})";
    }

    /** What the parser stood on, in the same words as {@link #kind(JavaType)}; null if there is nothing to say. */
    private static String kind(JsonToken token) {
        return token == null ? null : switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }

    /** Jackson's first line, without what only its maintainers need: character codes, the redacted source. */
    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.replaceAll(" \\(code \\d+\\)", "")
                .replace("No content to map due to end-of-input", "there is nothing in it: expected a JSON value")
                .replaceAll("Missing required creator property '([^']*)' \\(index \\d+\\)", "the key '$1' is missing")
                .replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
    }

    /** Two spaces per level for objects and arrays alike; {@code "key": value}; {@code []} and {@code {}} when empty. */
    private static DefaultPrettyPrinter prettyPrinter() {
        var indent = new DefaultIndenter("  ", "\n");
        var separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indent).withArrayIndenter(indent);
    }

    /** Writes a float or double as itself when finite, as null when JSON has no word for it. */
    private static final class FiniteOrNull<N extends Number> extends StdSerializer<N> {
        FiniteOrNull(Class<N> type) {
            super(type);
        }

        @Override
        public void serialize(N value, JsonGenerator out, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.writeNull();
            } else if (value instanceof Float f) {
                out.writeNumber(f);
            } else {
                out.writeNumber(d);
            }
        }
    }
}
