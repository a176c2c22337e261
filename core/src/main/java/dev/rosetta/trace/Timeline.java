package dev.rosetta.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws spans as text, one row per lane over a common time axis: the quickest way to see that
 * two threads under the GIL take turns while two worker processes run side by side.
 *
 * <pre>
 * main/T1 |####    ####    ####    |
 * main/T2 |    ####    ####    ####|
 *          0 ms               12.0 ms
 * </pre>
 *
 * <p>A cell is {@code #} when a span of that lane covers any part of it. Lanes appear in order
 * of their first span. Thread-safety: stateless.
 */
public final class Timeline {
    private Timeline() {
    }

    /** The spans drawn {@code width} cells wide; a note instead when there are none. */
    public static String render(List<Span> spans, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1 cell, was " + width);
        }
        if (spans.isEmpty()) {
            return "(no spans recorded)\n";
        }
        long start = spans.stream().mapToLong(Span::startMicros).min().orElseThrow();
        long end = spans.stream().mapToLong(Span::endMicros).max().orElseThrow();
        double perCell = Math.max(1, end - start) / (double) width;
        Map<String, char[]> rows = new LinkedHashMap<>();
        for (Span span : spans.stream().sorted(java.util.Comparator.comparingLong(Span::startMicros)).toList()) {
            char[] row = rows.computeIfAbsent(span.lane().toString(), k -> " ".repeat(width).toCharArray());
            int from = Math.min(width - 1, (int) ((span.startMicros() - start) / perCell));
            int to = Math.max(from, Math.min(width - 1, (int) Math.ceil((span.endMicros() - start) / perCell) - 1));
            for (int i = from; i <= to; i++) {
                row[i] = '#';
            }
        }
        int label = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        var out = new StringBuilder();
        rows.forEach((lane, row) -> out.append(pad(lane, label)).append(" |").append(row).append("|\n"));
        String right = String.format(Locale.ROOT, "%.1f ms", (end - start) / 1000.0);
        out.append(" ".repeat(label + 2)).append(pad("0 ms", Math.max(5, width - right.length()))).append(right).append('\n');
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
