package dev.rosetta.exercises.dask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.exercises.dask.LineBlocks.Block;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code dask/line-blocks}: small CSV texts cut with small block sizes, so that each
 * cut's place can be checked by hand. The contract, one property per test:
 * <ul>
 *   <li>Every block but the last ends just after a newline: no line is cut in two.</li>
 *   <li>The blocks cover the data exactly: each starts where the previous ended, none twice, none left out.</li>
 *   <li>The cut moves to just after the first newline at or after {@code start + blocksize}; the rest is the last block.</li>
 *   <li>A newline inside a quoted field does not end a line, however the cut falls.</li>
 *   <li>Empty data is one empty block; short data one block; a line longer than a block stays whole; blocksize 0 is refused.</li>
 * </ul>
 */
class LineBlocksTest {

    /** Five trips of 12, 11, 16, 11 and 15 bytes: 65 in all. */
    private static final String TRIPS = "1,JFK,12.50\n2,LGA,8.00\n3,Midtown,23.75\n4,JFK,9.10\n5,Harlem,14.00\n";
    /** A quoted field holding a newline, bytes 14 to 25 ("two\nlines"); the line ends at byte 29. */
    private static final String QUOTED = "1,\"a note\",5\n2,\"two\nlines\",7\n3,\"x\",9\n";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String show(String text, Block b) {
        return "'" + text.substring(b.start(), b.end()).replace("\n", "\\n") + "'";
    }

    private static String show(String text, List<Block> blocks) {
        return String.join(" | ", blocks.stream().map(b -> show(text, b)).toList());
    }

    /** The blocks are consecutive, cover every byte once, and none is empty. */
    private static void assertCovers(String text, int blocksize, List<Block> blocks) {
        String scenario = "'" + text.replace("\n", "\\n") + "' with blocksize " + blocksize + " gave " + blocks
                + " (" + show(text, blocks) + ")";
        int next = 0;
        for (Block b : blocks) {
            if (b.start() < next) {
                fail(scenario + ": bytes " + b.start() + " to " + next + " are in two blocks, so their rows are read"
                        + " twice. A block starts where the previous one ended, not at its nominal offset");
            }
            if (b.start() > next) {
                fail(scenario + ": bytes " + next + " to " + b.start() + " are in no block. A block starts where the"
                        + " previous one ended");
            }
            if (b.end() <= b.start() && text.length() > 0) {
                fail(scenario + ": an empty block; a frame has no empty partitions to begin with");
            }
            next = b.end();
        }
        if (next != text.length()) {
            fail(scenario + ": the blocks end at byte " + next + " of " + text.length() + ", so the rest of the file, "
                    + show(text, new Block(next, text.length())) + ", is in no partition. What is left after the last"
                    + " cut is the last block");
        }
    }

    private static List<Block> split(String text, int blocksize) {
        List<Block> blocks = LineBlocks.split(bytes(text), blocksize);
        assertCovers(text, blocksize, blocks);
        return blocks;
    }

    @Test
    @DisplayName("every block but the last ends just after a newline: no line is cut in two")
    void noLineCutInTwo() {
        assertWholeLines(TRIPS, 10, LineBlocks.split(bytes(TRIPS), 10));
        assertWholeLines(TRIPS, 25, LineBlocks.split(bytes(TRIPS), 25));
    }

    /** Every block but the last ends just after a newline. */
    private static void assertWholeLines(String text, int blocksize, List<Block> blocks) {
        for (int i = 0; i < blocks.size() - 1; i++) {
            Block b = blocks.get(i);
            if (b.end() < 1 || b.end() > text.length() || text.charAt(b.end() - 1) != '\n') {
                fail("'" + text.replace("\n", "\\n") + "' cut with blocksize " + blocksize + ": block " + i + " is "
                        + show(text, b) + ", which cuts a line in two — one partition gets the head of a row and the"
                        + " next its tail. Move each cut forward to just after the next newline (all the blocks: "
                        + show(text, blocks) + ")");
            }
        }
    }

    @Test
    @DisplayName("the blocks cover the data exactly: none twice, none left out")
    void blocksCoverTheData() {
        split(TRIPS, 10);
        split(TRIPS, 30);
        split(QUOTED, 16);
        split("1,JFK\n2,LGA", 4);
    }

    @Test
    @DisplayName("the cut moves to just after the first newline at or after start + blocksize; the rest is the last block")
    void whereTheCutsFall() {
        assertEquals(List.of(new Block(0, 12), new Block(12, 23), new Block(23, 39), new Block(39, 50), new Block(50, 65)),
                split(TRIPS, 10), "five trips with blocksize 10: each cut falls inside a line and moves to its end,"
                + " so each block is one trip");
        assertEquals(List.of(new Block(0, 39), new Block(39, 65)), split(TRIPS, 30), "five trips (65 bytes) with"
                + " blocksize 30: the cut at 30 moves to 39, the end of the third trip; the 26 bytes left are no more"
                + " than a block, and are the last block");
        assertEquals(List.of(new Block(0, 12), new Block(12, 39), new Block(39, 65)), split(TRIPS, 11), "five trips"
                + " with blocksize 11: the cut at 11 is trip 1's newline itself (the byte at the cut counts), so block 0"
                + " is trip 1; the cut at 23 falls just after trip 2's newline, on trip 3's first byte, and moves to"
                + " the end of trip 3 (a newline before the cut does not stop it: dask reads from the cut on)");
        assertEquals(List.of(new Block(0, 6), new Block(6, 11)), split("1,JFK\n2,LGA", 4), "'1,JFK\\n2,LGA' with"
                + " blocksize 4: the last line has no newline; the cut at 10 finds none and the block runs to the end");
    }

    @Test
    @DisplayName("a newline inside a quoted field does not end a line")
    void quotedNewlineStaysWhole() {
        for (int blocksize = 1; blocksize < QUOTED.length(); blocksize++) {
            List<Block> blocks = split(QUOTED, blocksize);
            assertWholeLines(QUOTED, blocksize, blocks);
            for (Block b : blocks) {
                long quotes = QUOTED.substring(b.start(), b.end()).chars().filter(c -> c == '"').count();
                if (quotes % 2 == 1) {
                    fail("blocksize " + blocksize + " gave the block " + show(QUOTED, b) + ", which ends inside a quoted"
                            + " field: the newline in \"two\\nlines\" is part of the field, not the end of the line."
                            + " Whether the cut is inside quotes depends on every quote from the block's start to the"
                            + " cut; each quote after it flips that again");
                }
            }
        }
        assertEquals(List.of(new Block(0, 29), new Block(29, 37)), split(QUOTED, 16), "blocksize 16: the cut falls"
                + " inside \"two\\nlines\", and moves past the quoted newline to the end of that line, byte 29");
    }

    @Test
    @DisplayName("empty data is one empty block; short data one block; a long line stays whole; blocksize 0 is refused")
    void edges() {
        assertEquals(List.of(new Block(0, 0)), split("", 4), "empty data: one empty block (a frame has at least one"
                + " partition)");
        assertEquals(List.of(new Block(0, 4)), split("abc\n", 100), "4 bytes with blocksize 100: one block");
        assertEquals(List.of(new Block(0, 12)), split("1,JFK,12.50\n", 12), "one line of 12 bytes with blocksize 12:"
                + " no more than a block is left, so it is the one block");
        String longLine = "1,a line much longer than the block,9\n2,b\n";
        List<Block> blocks = split(longLine, 4);
        assertEquals(new Block(0, 38), blocks.getFirst(), "a line of 38 bytes with blocksize 4: the first block is the"
                + " whole line, never a piece of it, and no empty block follows");
        var e = assertThrows(IllegalArgumentException.class, () -> LineBlocks.split(bytes(TRIPS), 0),
                "blocksize 0 must be refused: no cut would ever move forward");
        assertTrue(e.getMessage() != null && e.getMessage().contains("0"), "the message must name the value 0, but was: "
                + e.getMessage());
    }
}
