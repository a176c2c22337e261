package dev.rosetta.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One piece of work: what ran ({@code name}), where ({@link Lane}), from when to when, with
 * optional details ({@code args}: a task id, a chunk size, ...).
 *
 * <p>A worker process sends its spans to the parent as text, one span per line
 * ({@link #encode()} / {@link #decode(String)}): tab-separated fields, with tabs, newlines and
 * backslashes escaped, so any name survives the trip.
 *
 * <p>Thread-safety: immutable.
 *
 * @param startMicros start, in {@link TraceClock} microseconds
 * @param endMicros   end, not before the start
 */
public record Span(String name, Lane lane, long startMicros, long endMicros, Map<String, String> args) {
    /**
     * The arg that names a span's kind ("holds GIL", "chunk", "task step"): what a timeline
     * colours by. A span without it is of the kind of its name.
     */
    public static final String KIND = "kind";

    /** Checks the times and freezes the args (their order is kept). */
    public Span {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("span '" + name + "' ends (" + endMicros + " µs) before it starts ("
                    + startMicros + " µs)");
        }
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** What kind of work this is: the {@link #KIND} arg, or else the name. */
    public String kind() {
        return args.getOrDefault(KIND, name);
    }

    /** The same span on another lane (a worker's span, labelled by the parent with the worker's name). */
    public Span onLane(Lane other) {
        return new Span(name, other, startMicros, endMicros, args);
    }

    /** How long it took, in microseconds. */
    public long durationMicros() {
        return endMicros - startMicros;
    }

    /** This span as one line of text, for sending it from a worker process. */
    public String encode() {
        var fields = new ArrayList<String>(List.of(name, lane.process(), lane.thread(),
                Long.toString(startMicros), Long.toString(endMicros)));
        args.forEach((k, v) -> {
            fields.add(k);
            fields.add(v);
        });
        return String.join("\t", fields.stream().map(Span::escape).toList());
    }

    /**
     * The span that {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static Span decode(String line) {
        String[] raw = line.split("\t", -1);
        if (raw.length < 5 || raw.length % 2 == 0) {
            throw new IllegalArgumentException("not an encoded span (needs name, process, thread, start, end,"
                    + " then key/value pairs; found " + raw.length + " fields): " + line);
        }
        String[] f = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            f[i] = unescape(raw[i]);
        }
        var args = new LinkedHashMap<String, String>();
        for (int i = 5; i < f.length; i += 2) {
            args.put(f[i], f[i + 1]);
        }
        try {
            return new Span(f[0], new Lane(f[1], f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), args);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an encoded span (start and end must be whole microseconds): " + line, e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            out.append(switch (e) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> e;
            });
        }
        return out.toString();
    }
}
