package dev.rosetta.exercises.dask;

import java.util.List;

/**
 * Exercise {@code dask/line-blocks}: how {@code dd.read_csv} cuts a file into partitions before
 * anything is parsed — by bytes, then moved to the end of a line.
 *
 * <pre>
 * df = dd.read_csv("trips.csv", blocksize="64MB")     # one partition per block of about 64 MB
 * # underneath: dask.bytes.read_bytes("trips.csv", delimiter=b"\n", blocksize=64_000_000)
 * </pre>
 *
 * <p>{@link #split} cuts {@code data} (a CSV file's bytes) into consecutive blocks. A block starts
 * where the previous one ended (the first at 0). While more than {@code blocksize} bytes are left
 * from its start, its nominal cut is {@code start + blocksize}, and the cut <b>moves forward to
 * just after the first newline at or after it</b> (the byte at the cut included, as dask reads
 * from the offset to the delimiter) — or to the end of the data if there is none. When
 * {@code blocksize} bytes or fewer are left, they are the last block, newline or not. So each block
 * holds whole lines: a block that cut a line in two would hand one partition the head of a row and
 * the next its tail. A newline <b>inside a quoted field</b> ({@code 2,"two\nlines",7}) is not the end
 * of a line: whether the cut is inside quotes depends on every {@code "} from the block's start to
 * the cut (an odd count: inside), and each {@code "} after it flips that again.
 *
 * <p>The blocks cover {@code data} exactly — no byte left out, none in two blocks — and none is
 * empty, except that empty data is one empty block (a frame has at least one partition). A
 * {@code blocksize} below 1 is an {@link IllegalArgumentException} naming the value.
 *
 * <p>Chapter: docs/dask.md. Hints: {@code ./rosetta learn hint dask/line-blocks}.
 */
public class LineBlocks {

    /** Bytes {@code start} (inclusive) to {@code end} (exclusive) of the data: one partition's input. */
    public record Block(int start, int end) {
    }

    /** {@code data} cut into blocks of about {@code blocksize} bytes that end at line boundaries outside quotes. */
    public static List<Block> split(byte[] data, int blocksize) {
        // TODO cut at start + blocksize, move each cut to just after the next newline outside quotes
        throw new UnsupportedOperationException("TODO: LineBlocks.split is not written yet");
    }
}
