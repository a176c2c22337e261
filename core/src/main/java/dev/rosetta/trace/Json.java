package dev.rosetta.trace;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest JSON writer and reader that the project needs: traces, the tour's
 * {@code --json} figures and {@code learn verify --json} all go through it, so that core
 * needs no JSON library.
 *
 * <p>Values map as: {@link Map} (string keys, order kept) ↔ object, {@link List} ↔ array,
 * {@link CharSequence} ↔ string, {@link Number} ↔ number, {@link Boolean} ↔ boolean,
 * {@code null} ↔ null. {@link #parse} returns {@link LinkedHashMap}, {@link ArrayList},
 * {@link String}, {@link BigDecimal}, {@link Boolean} or {@code null}.
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class Json {
    private Json() {
    }

    /** Writes {@code value} as compact JSON. */
    public static String write(Object value) {
        var out = new StringBuilder();
        write(value, out, -1, 0);
        return out.toString();
    }

    /** Writes {@code value} as JSON indented by two spaces, one member per line. */
    public static String pretty(Object value) {
        var out = new StringBuilder();
        write(value, out, 2, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int indent, int depth) {
        switch (value) {
            case null -> out.append("null");
            case CharSequence s -> quote(s, out);
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                out.append('{');
                int i = 0;
                for (var entry : map.entrySet()) {
                    separate(out, i++, indent, depth + 1);
                    quote(String.valueOf(entry.getKey()), out);
                    out.append(indent < 0 ? ":" : ": ");
                    write(entry.getValue(), out, indent, depth + 1);
                }
                close(out, i, indent, depth, '}');
            }
            case Iterable<?> items -> {
                out.append('[');
                int i = 0;
                for (var item : items) {
                    separate(out, i++, indent, depth + 1);
                    write(item, out, indent, depth + 1);
                }
                close(out, i, indent, depth, ']');
            }
            default -> throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " as JSON: use a Map, List, String, Number or Boolean");
        }
    }

    private static void separate(StringBuilder out, int index, int indent, int depth) {
        if (index > 0) {
            out.append(',');
        }
        newline(out, indent, depth);
    }

    private static void close(StringBuilder out, int count, int indent, int depth, char bracket) {
        if (count > 0) {
            newline(out, indent, depth);
        }
        out.append(bracket);
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void quote(CharSequence s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException naming the offset and what was expected there
     */
    public static Object parse(String text) {
        var reader = new Reader(text);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw reader.error("end of input");
        }
        return value;
    }

    /** Parses a JSON object; fails if the text holds any other kind of value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a JSON object ({...}) at the top level");
    }

    /** A recursive-descent reader over one string; not thread-safe (one per parse). */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            var map = new LinkedHashMap<String, Object>();
            pos++;
            skipSpace();
            if (peek('}')) {
                return map;
            }
            do {
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    throw error("a quoted key");
                }
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
            } while (peek(','));
            expect('}');
            return map;
        }

        private List<Object> array() {
            var list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek(']')) {
                return list;
            }
            do {
                list.add(value());
                skipSpace();
            } while (peek(','));
            expect(']');
            return list;
        }

        private String string() {
            var out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("four hex digits after \\u");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw error("a closing quote");
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("'" + word + "'");
            }
            pos += word.length();
            return value;
        }

        private BigDecimal number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("a value");
            }
        }

        private boolean peek(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String expected) {
            String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
            return new IllegalArgumentException(
                    "malformed JSON at offset " + pos + ": expected " + expected + ", found " + found);
        }
    }
}
