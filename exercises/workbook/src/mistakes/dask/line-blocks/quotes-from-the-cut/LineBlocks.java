package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: quotes followed from the cut on, as if every cut were outside quotes. BROKEN:
 * when the cut falls inside a quoted field, its closing quote is taken for an opening one, and
 * the newline inside the field for the end of the line: the field is split in two.
 */
public class LineBlocks {

    public record Block(int start, int end) {
    }

    public static List<Block> split(byte[] data, int blocksize) {
        if (blocksize < 1) {
            throw new IllegalArgumentException("blocksize must be at least 1 byte, was " + blocksize);
        }
        var blocks = new ArrayList<Block>();
        int start = 0;
        while (data.length - start > blocksize) {
            int cut = start + blocksize;
            int end = lineEnd(data, cut, false);
            blocks.add(new Block(start, end));
            start = end;
        }
        if (start < data.length || blocks.isEmpty()) {
            blocks.add(new Block(start, data.length));
        }
        return blocks;
    }

    private static int quotes(byte[] data, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (data[i] == '"') {
                count++;
            }
        }
        return count;
    }

    /** Just after the first newline at or after {@code from} outside quotes, or the end of the data. */
    private static int lineEnd(byte[] data, int from, boolean inQuotes) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == '"') {
                inQuotes = !inQuotes;
            } else if (data[i] == '\n' && !inQuotes) {
                return i + 1;
            }
        }
        return data.length;
    }
}
