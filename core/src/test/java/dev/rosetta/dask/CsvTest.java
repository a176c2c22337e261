package dev.rosetta.dask;

import static dev.rosetta.dask.Expr.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readCsv: blocks cut at record boundaries, types inferred from a sample, rows that disagree named. */
@TimeLimit(seconds = 30)
class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static List<Object> column(Partition p, String name) {
        var c = p.column(name);
        var out = new ArrayList<Object>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.get(i));
        }
        return out;
    }

    /** Every block starts where a line starts and ends just after a newline; together they cover the data. */
    @Test
    void blocksEndAtLineBoundaries() throws IOException {
        var sb = new StringBuilder("id,word\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i).append(",w").append("x".repeat(i % 7)).append('\n');
        }
        Path f = write("lines.csv", sb.toString());
        byte[] bytes = Files.readAllBytes(f);
        var header = Csv.header(f);
        var blocks = Csv.split(f, header.dataStart(), 64);
        assertTrue(blocks.size() > 10, "a 2 KB file in 64-byte blocks: " + blocks.size());
        long expectStart = header.dataStart();
        for (var b : blocks) {
            assertEquals(expectStart, b.start(), "blocks are contiguous");
            assertEquals('\n', bytes[(int) b.end() - 1], "block " + b + " cuts a line in two");
            expectStart = b.end();
        }
        assertEquals(bytes.length, expectStart, "the blocks cover the whole file");
        Partition all = Dask.readCsv(f.toString(), 64).compute(LocalScheduler.synchronous());
        assertEquals(200, all.rows());
        assertEquals(List.of(0L, 1L, 2L), column(all, "id").subList(0, 3));
        assertEquals(199L, column(all, "id").get(199));
    }

    /** A nominal cut that falls inside a quoted field holding a newline moves past the whole record. */
    @Test
    void aQuotedNewlineStaysWhole() throws IOException {
        String content = "id,note\n1,plain\n2,\"two\nlines, and a comma\"\n3,\"say \"\"hi\"\"\"\n4,end\n";
        Path f = write("quoted.csv", content);
        int insideQuotes = content.indexOf("two\n") + 2;
        var header = Csv.header(f);
        var blocks = Csv.split(f, header.dataStart(), insideQuotes - header.dataStart());
        assertTrue(blocks.stream().noneMatch(b -> b.end() > insideQuotes && b.start() < insideQuotes && b.end()
                < content.indexOf("3,")), "no block may end inside the quoted field: " + blocks);
        for (long blocksize : new long[] {1, 5, 9, 13, 1000}) {
            Partition p = Dask.readCsv(f.toString(), blocksize).compute(LocalScheduler.synchronous());
            assertEquals(Arrays.asList("plain", "two\nlines, and a comma", "say \"hi\"", "end"), column(p, "note"),
                    "blocksize " + blocksize);
        }
    }

    /** A blocksize smaller than a line still gives whole lines: one line per block. */
    @Test
    void aBlocksizeSmallerThanALineGivesOneLinePerBlock() throws IOException {
        Path f = write("long.csv", "a,b\n" + "1,aaaaaaaaaaaaaaaaaaaa\n".repeat(5));
        Frame df = Dask.readCsv(f.toString(), 3);
        assertEquals(5, df.npartitions());
        assertEquals(5L, df.count().compute(LocalScheduler.synchronous()));
    }

    /** Integers are long, decimals double, true/false boolean, the rest string; empty fields are null. */
    @Test
    void typesAreInferredFromTheSample() throws IOException {
        Path f = write("types.csv", "n,x,flag,name,empty\n1,1.5,true,ann,\n,2,False,\"b, c\",\n-3,,TRUE,,\n");
        Frame df = Dask.readCsv(f.toString());
        assertEquals(Schema.of("n", DType.LONG, "x", DType.DOUBLE, "flag", DType.BOOLEAN, "name", DType.STRING,
                "empty", DType.DOUBLE), df.schema());
        Partition p = df.compute(LocalScheduler.synchronous());
        assertEquals(Arrays.asList(1L, null, -3L), column(p, "n"));
        assertEquals(Arrays.asList(1.5, 2.0, null), column(p, "x"));
        assertEquals(Arrays.asList(true, false, true), column(p, "flag"));
        assertEquals(Arrays.asList("ann", "b, c", null), column(p, "name"));
    }

    /**
     * The one-pass parse of plain fields and the general parse agree at their border: CRLF endings,
     * signs, 19-digit integers, exponents, nan, quoted numbers, long strings, a last line without a
     * newline, a skipped column holding a quoted newline, and a bad value found on either path.
     */
    @Test
    void plainAndGeneralFieldsParseAlike() throws IOException {
        String longName = "a name longer than thirty-two bytes, quoted";
        Path f = write("edges.csv", "n,x,name,skip\r\n"
                + "+5,1e3,plain,1\r\n"
                + "-7,-0.25,\"" + longName + "\",\"multi\nline\"\n"
                + "1234567890123456789,nan,x\"\"y,2\n"
                + "\"42\",\"2.5\",Midtown,3\n"
                + ",,,4");
        var types = Map.of("n", DType.LONG, "x", DType.DOUBLE, "name", DType.STRING, "skip", DType.STRING);
        Partition p = Dask.readCsv(f.toString(), 1 << 20, types).select("n", "x", "name")
                .compute(LocalScheduler.synchronous());
        assertEquals(Arrays.asList(5L, -7L, 1234567890123456789L, 42L, null), column(p, "n"));
        assertEquals(1000.0, (Double) column(p, "x").get(0));
        assertEquals(-0.25, (Double) column(p, "x").get(1));
        assertTrue(((Double) column(p, "x").get(2)).isNaN());
        assertEquals(Arrays.asList("plain", longName, "x\"\"y", "Midtown", null), column(p, "name"));
        for (String bad : List.of("1x", "\"1x\"", "1.5")) {
            Path g = write("bad.csv", "n,name\n1,a\n" + bad + ",b\n");
            var e = assertThrows(CsvError.class, () -> Dask.readCsv(g.toString(), 1 << 20, Map.of("n", DType.LONG))
                    .compute(LocalScheduler.synchronous()));
            assertEquals(3, e.line(), e.getMessage());
            assertEquals(bad.replace("\"", ""), e.value(), e.getMessage());
        }
    }

    /** Fields of every length from 0 to 20 bytes, so their ends fall at every place of an eight-byte word. */
    @Test
    void fieldEndsAreFoundAtEveryOffset() throws IOException {
        var sb = new StringBuilder("word,n,skipped\n");
        var words = new ArrayList<String>();
        for (int i = 0; i < 400; i++) {
            String w = i % 21 == 0 ? null : "abcdefghijklmnopqrstu".substring(0, i % 21);
            words.add(w);
            sb.append(w == null ? "" : w).append(',').append(i).append(',').append("x".repeat(i % 13)).append('\n');
        }
        Path f = write("offsets.csv", sb.toString());
        Partition p = Dask.readCsv(f.toString(), 1 << 20, Map.of("word", DType.STRING)).select("word", "n")
                .compute(LocalScheduler.synchronous());
        assertEquals(words, column(p, "word"));
        assertEquals(java.util.stream.LongStream.range(0, 400).boxed().toList(), column(p, "n"));
    }

    /**
     * dask#1166's trap: the sample says long, a later row holds 2.5. The error names file, line,
     * column, value and expected type, and comes from reading that row.
     */
    @Test
    void aRowThatDisagreesWithTheSampleIsNamed() throws IOException {
        var sb = new StringBuilder("id,passengers\n");
        int rows = 40_000; // about 400 KB: past the 256,000-byte sample
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i == 35_000 ? "2.5" : "1").append('\n');
        }
        Path f = write("late.csv", sb.toString());
        Frame df = Dask.readCsv(f.toString(), 50_000);
        assertEquals(DType.LONG, df.schema().dtype("passengers"), "the sample has only integers");
        var query = df.filter(col("passengers").gt(0)).groupBy("passengers").count("id");
        var e = assertThrows(CsvError.class, () -> query.compute(LocalScheduler.synchronous()));
        assertEquals(f.toString(), e.file());
        assertEquals(35_002, e.line(), "header is line 1, row 0 line 2: " + e.getMessage());
        assertEquals("passengers", e.column());
        assertEquals("2.5", e.value());
        assertEquals(DType.LONG, e.expected());
        assertTrue(e.getMessage().contains("line 35,002, column 'passengers': value '2.5' is not a long"), e.getMessage());
        assertTrue(e.getMessage().contains("Map.of(\"passengers\", DType.DOUBLE)"), "says how to fix it: " + e.getMessage());
        var fixed = Dask.readCsv(f.toString(), 50_000, Map.of("passengers", DType.DOUBLE));
        assertEquals((long) rows, fixed.count().compute(LocalScheduler.synchronous()));
    }

    /** A row with too few or too many fields fails naming its line. */
    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamed() throws IOException {
        Path f = write("short.csv", "a,b,c\n1,2,3\n4,5\n");
        var e = assertThrows(CsvError.class, () -> Dask.readCsv(f.toString()).compute(LocalScheduler.synchronous()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 3: a row of 2 fields, but the header has 3"), e.getMessage());
        Path g = write("long.csv", "a,b\n1,2\n3,4,5\n");
        var e2 = assertThrows(CsvError.class, () -> Dask.readCsv(g.toString()).compute(LocalScheduler.synchronous()));
        assertTrue(e2.getMessage().contains("line 3: a row of 3 fields, but the header has 2"), e2.getMessage());
    }

    /** A glob reads every matching file in name order; no match, or a missing file, fails when read is called. */
    @Test
    void globsAndMissingFiles() throws IOException {
        write("part-1.csv", "k,v\na,1\nb,2\n");
        write("part-2.csv", "k,v\nc,3\n");
        write("other.csv", "x\n1\n");
        Frame df = Dask.readCsv(dir.resolve("part-*.csv").toString());
        assertEquals(2, df.npartitions());
        assertEquals(List.of("a", "b", "c"), column(df.compute(LocalScheduler.synchronous()), "k"));
        var none = assertThrows(IllegalArgumentException.class, () -> Dask.readCsv(dir.resolve("nope-*.csv").toString()));
        assertTrue(none.getMessage().contains("resolved to no files"), none.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Dask.readCsv(dir.resolve("gone.csv").toString()));
        assertTrue(missing.getMessage().startsWith("FileNotFoundError"), missing.getMessage());
        write("part-3.csv", "k,w\nd,4\n");
        var header = assertThrows(IllegalArgumentException.class, () -> Dask.readCsv(dir.resolve("part-*.csv").toString()));
        assertTrue(header.getMessage().contains("must have the same header"), header.getMessage());
    }
}
