package dev.rosetta.dask;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CSV side of {@link Dask#readCsv}: find the files, cut each into blocks that end at record
 * boundaries, infer the column types from a sample, and parse one block into a {@link Partition}.
 *
 * <p><b>Cutting at record boundaries.</b> A block is {@code [start, end)} in bytes. Each nominal
 * cut ({@code start + blocksize}) moves forward to just after the next newline that is not
 * inside quotes, so a quoted field holding a newline is never cut in two, and a blocksize smaller
 * than a line still gives whole lines. Whether a cut is inside quotes depends on every quote before
 * it, so the quotes are counted from the previous cut — eight bytes at a time (SWAR), which costs
 * about what reading the file from the page cache costs. (dask cuts at the first newline after the
 * nominal offset without looking at quotes, and so breaks such a field in two.)
 *
 * <p><b>Types.</b> From the first {@value #SAMPLE_BYTES} bytes of the first file (dask's
 * {@code sample=256000}): a column whose every value is an integer is {@code long}; a number,
 * {@code double}; {@code true}/{@code false}, {@code boolean}; anything else {@code string}; a
 * column with no values in the sample is {@code double}, as pandas makes it. An empty field is
 * null. A later value that does not fit fails with a {@link CsvError} naming its file, line,
 * column, value and the type expected.
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
final class Csv {
    /** How much of the first file the types are inferred from (dask's default sample). */
    static final int SAMPLE_BYTES = 256_000;
    private static final int IO_CHUNK = 1 << 20;

    private Csv() {
    }

    /** A part of one file holding whole records: the input of one partition. */
    record Block(String file, long start, long end) implements Serializable {
    }

    /** A file's column names, and where its first data record starts. */
    record Header(List<String> names, long dataStart) {
    }

    /** The files a path or glob ({@code data/trips-*.csv}) names, sorted; fails when there are none. */
    static List<Path> expand(String pathOrGlob) {
        Path path = Path.of(pathOrGlob);
        String name = path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("FileNotFoundError: readCsv: no file " + path.toAbsolutePath());
            }
            return List.of(path);
        }
        Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> matcher.matches(p.getFileName()) && Files.isRegularFile(p)).sorted().toList();
        } catch (NoSuchFileException e) {
            files = List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("FileNotFoundError: readCsv: '" + pathOrGlob + "' resolved to no files (in "
                    + dir.toAbsolutePath() + ")");
        }
        return files;
    }

    /** The header record of {@code file}. */
    static Header header(Path file) {
        byte[] bytes = readBytes(file, 0, Math.min(size(file), IO_CHUNK));
        var r = new RecordReader(bytes, bytes.length);
        var names = new ArrayList<String>();
        int state;
        do {
            state = r.nextField();
            names.add(r.string());
        } while (state == RecordReader.MORE);
        if (names.size() == 1 && names.getFirst() == null) {
            throw new IllegalArgumentException("EmptyDataError: readCsv: " + file + " has no header line");
        }
        return new Header(names, r.pos);
    }

    /**
     * {@code file}'s data, from {@code dataStart}, cut into blocks of about {@code blocksize} bytes
     * that end at record boundaries (see the class comment). At least one block, maybe empty.
     */
    static List<Block> split(Path file, long dataStart, long blocksize) {
        if (blocksize < 1) {
            throw new IllegalArgumentException("blocksize must be at least 1 byte, was " + blocksize);
        }
        long size = size(file);
        var blocks = new ArrayList<Block>();
        try (var ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = dataStart;
            while (size - start > blocksize) {
                long cut = start + blocksize;
                boolean inQuotes = (count(ch, start, cut, (byte) '"') & 1) == 1;
                long end = recordEnd(ch, cut, size, inQuotes);
                blocks.add(new Block(file.toString(), start, end));
                start = end;
            }
            if (start < size || blocks.isEmpty()) {
                blocks.add(new Block(file.toString(), start, size));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    /** Just after the first newline at or after {@code from} outside quotes, or {@code size}. */
    private static long recordEnd(FileChannel ch, long from, long size, boolean inQuotes) throws IOException {
        var buf = ByteBuffer.allocate(64 * 1024);
        long pos = from;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '"') {
                    inQuotes = !inQuotes;
                } else if (a[i] == '\n' && !inQuotes) {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    /** How many bytes equal to {@code b} there are in {@code [from, to)}: eight at a time. */
    static long count(FileChannel ch, long from, long to, byte b) throws IOException {
        byte[] chunk = new byte[IO_CHUNK];
        var buf = ByteBuffer.wrap(chunk);
        long pattern = (b & 0xFFL) * 0x0101010101010101L;
        long total = 0;
        long pos = from;
        while (pos < to) {
            buf.clear();
            buf.limit((int) Math.min(IO_CHUNK, to - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long x = (long) LONGS.get(chunk, i) ^ pattern; // a zero byte where the byte was b
                long y = ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL);
                total += Long.bitCount(y);
            }
            for (; i < n; i++) {
                if (chunk[i] == b) {
                    total++;
                }
            }
            pos += n;
        }
        return total;
    }

    /** Eight bytes of a byte array read as one long. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The column types of {@code file}: inferred from its first {@value #SAMPLE_BYTES} bytes of data,
     * except where {@code given} names a type.
     */
    static Schema infer(Path file, Header header, Map<String, DType> given) {
        for (String name : given.keySet()) {
            if (!header.names().contains(name)) {
                throw new IllegalArgumentException("KeyError: dtype names column '" + name + "', which " + file
                        + " does not have; its columns are " + header.names());
            }
        }
        long size = size(file);
        long sampleEnd = Math.min(size, header.dataStart() + SAMPLE_BYTES);
        byte[] sample = readBytes(file, header.dataStart(), sampleEnd);
        int n = header.names().size();
        var seen = new boolean[n];
        var notLong = new boolean[n];
        var notDouble = new boolean[n];
        var notBool = new boolean[n];
        var r = new RecordReader(sample, sample.length);
        var probe = new RecordReader(new byte[0], 0);
        while (r.pos < sample.length) {
            if (r.skipBlankLine()) {
                continue;
            }
            var values = new ArrayList<byte[]>(n);
            int state;
            do {
                state = r.nextField();
                values.add(r.fieldBytes());
            } while (state == RecordReader.MORE);
            if (state == RecordReader.END_OF_BUFFER && sampleEnd < size) {
                break; // the sample cut this record: leave it out
            }
            for (int c = 0; c < Math.min(n, values.size()); c++) {
                byte[] v = values.get(c);
                if (v.length == 0) {
                    continue;
                }
                seen[c] = true;
                notLong[c] |= !probe.parseLong(v, 0, v.length);
                notDouble[c] |= !probe.parseDouble(v, 0, v.length);
                notBool[c] |= RecordReader.parseBoolean(v, 0, v.length) < 0;
            }
        }
        var types = new ArrayList<DType>();
        for (int c = 0; c < n; c++) {
            DType inferred = !seen[c] ? DType.DOUBLE : !notLong[c] ? DType.LONG : !notDouble[c] ? DType.DOUBLE
                    : !notBool[c] ? DType.BOOLEAN : DType.STRING;
            types.add(given.getOrDefault(header.names().get(c), inferred));
        }
        return new Schema(header.names(), types);
    }

    /**
     * Parses {@code block} into a partition of the {@code needed} columns (in the file's order; the
     * others are skipped unparsed), checking every value against {@code fileSchema}.
     *
     * @param given true when the caller named the types (changes only the error's advice)
     */
    static Partition read(Block block, Schema fileSchema, List<String> needed, boolean given) {
        byte[] buf = readBytes(Path.of(block.file()), block.start(), block.end());
        int n = fileSchema.size();
        var builders = new Column.Builder[n];
        var names = new ArrayList<String>();
        for (int c = 0; c < n; c++) {
            if (needed.contains(fileSchema.names().get(c))) {
                builders[c] = Column.Builder.of(fileSchema.dtypes().get(c), buf.length / 48 + 16);
                names.add(fileSchema.names().get(c));
            }
        }
        var r = new RecordReader(buf, buf.length);
        int rows = 0;
        while (r.pos < buf.length) {
            if (r.skipBlankLine()) {
                continue;
            }
            long recordLine = r.lines;
            int state = RecordReader.MORE;
            for (int c = 0; c < n; c++) {
                if (state != RecordReader.MORE) {
                    throw fieldCount(block, recordLine, c, n);
                }
                Column.Builder b = builders[c];
                state = b == null ? r.nextField() : r.parseInto(b);
                if (state == RecordReader.DOES_NOT_PARSE) {
                    throw dtypeError(block, recordLine, fileSchema, c, r.string(), given);
                }
            }
            if (state == RecordReader.MORE) {
                int fields = n;
                while (state == RecordReader.MORE) {
                    state = r.nextField();
                    fields++;
                }
                throw fieldCount(block, recordLine, fields, n);
            }
            rows++;
        }
        var columns = new ArrayList<Column>();
        for (var b : builders) {
            if (b != null) {
                columns.add(b.build());
            }
        }
        return new Partition(fileSchema.select(names), columns, rows);
    }

    private static CsvError dtypeError(Block block, long recordLine, Schema schema, int c, String value, boolean given) {
        long line = lineOf(block, recordLine);
        String column = schema.names().get(c);
        DType expected = schema.dtypes().get(c);
        String why = given ? "you gave it that type in readCsv's dtype"
                : "readCsv inferred " + expected + " from the first " + String.format(Locale.ROOT, "%,d", SAMPLE_BYTES)
                + " bytes of the first file (dask: \"Mismatched dtypes found in pd.read_csv\"); name the type yourself: "
                + "readCsv(path, blocksize, Map.of(\"" + column + "\", DType." + widen(expected).name() + "))";
        return new CsvError(block.file(), line, column, value, expected, String.format(Locale.ROOT,
                "%s, line %,d, column '%s': value '%s' is not a %s — %s", block.file(), line, column, value, expected, why));
    }

    private static DType widen(DType t) {
        return t == DType.LONG ? DType.DOUBLE : DType.STRING;
    }

    private static CsvError fieldCount(Block block, long recordLine, int fields, int expected) {
        long line = lineOf(block, recordLine);
        return new CsvError(block.file(), line, null, null, null, String.format(Locale.ROOT,
                "%s, line %,d: a row of %d fields, but the header has %d (a missing or extra comma, or a quote never"
                        + " closed?)", block.file(), line, fields, expected));
    }

    /** The 1-based line of a record {@code recordLine} newlines into {@code block}: counts the lines before it. */
    private static long lineOf(Block block, long recordLine) {
        try (var ch = FileChannel.open(Path.of(block.file()), StandardOpenOption.READ)) {
            return count(ch, 0, block.start(), (byte) '\n') + recordLine + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] readBytes(Path file, long start, long end) {
        byte[] bytes = new byte[Math.toIntExact(end - start)];
        try (var ch = FileChannel.open(file, StandardOpenOption.READ)) {
            var buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                if (ch.read(buf, start + buf.position()) < 0) {
                    throw new IOException(file + " became shorter while it was read");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    /**
     * Walks the fields of CSV records in a byte array (RFC 4180: {@code ,} between fields, a field
     * in {@code "..."} may hold commas, newlines and {@code ""} for a quote; {@code \r\n} is
     * accepted). Not thread-safe: one per task.
     */
    static final class RecordReader {
        static final int MORE = 0;
        static final int END_OF_RECORD = 1;
        static final int END_OF_BUFFER = 2;
        /** From {@link #parseInto}: the field is not a value of the builder's type. */
        static final int DOES_NOT_PARSE = -1;

        private final byte[] buf;
        private final int end;
        int pos;
        /** Newlines passed so far, quoted ones included. */
        long lines;
        private int fieldStart;
        private int fieldEnd;
        private boolean quoted;
        private boolean escapedQuote;
        private long parsedLong;
        private double parsedDouble;
        /**
         * Strings already made, by a hash of their bytes (open addressing, eight places tried): a
         * column of a few dozen zones makes a few dozen strings, and equal values share one — which
         * also lets a group-by find a group by a hash the string has already computed.
         */
        private final String[] seen = new String[1024];
        private final byte[][] seenBytes = new byte[1024][];

        RecordReader(byte[] buf, int end) {
            this.buf = buf;
            this.end = end;
        }

        /** Skips an empty line (pandas' skip_blank_lines); true if there was one. */
        boolean skipBlankLine() {
            if (buf[pos] == '\n') {
                pos++;
                lines++;
                return true;
            }
            if (buf[pos] == '\r' && pos + 1 < end && buf[pos + 1] == '\n') {
                pos += 2;
                lines++;
                return true;
            }
            return false;
        }

        /** Reads one field; says whether a comma (MORE), a newline or the buffer's end followed it. */
        int nextField() {
            quoted = false;
            escapedQuote = false;
            if (pos < end && buf[pos] == '"') {
                quoted = true;
                fieldStart = ++pos;
                while (pos < end) {
                    byte b = buf[pos];
                    if (b == '"') {
                        if (pos + 1 < end && buf[pos + 1] == '"') {
                            escapedQuote = true;
                            pos += 2;
                            continue;
                        }
                        break;
                    }
                    if (b == '\n') {
                        lines++;
                    }
                    pos++;
                }
                fieldEnd = pos;
                if (pos < end) {
                    pos++; // the closing quote
                }
                while (pos < end && buf[pos] != ',' && buf[pos] != '\n') {
                    pos++; // junk after the closing quote, as pandas tolerates it
                }
            } else {
                fieldStart = pos;
                pos = plainFieldEnd(pos);
                fieldEnd = pos;
                if (fieldEnd > fieldStart && buf[fieldEnd - 1] == '\r') {
                    fieldEnd--;
                }
            }
            return finishField(pos);
        }

        /**
         * The first comma or newline at or after {@code p}, or {@code end}: eight bytes at a time
         * (a byte equal to the one sought becomes zero after an XOR, and the lowest zero byte of a
         * word is found exactly), then byte by byte for the last few.
         */
        private int plainFieldEnd(int p) {
            for (; p + 8 <= end; p += 8) {
                long w = (long) LONGS.get(buf, p);
                long found = zeroBytes(w ^ COMMAS) | zeroBytes(w ^ NEWLINES);
                if (found != 0) {
                    return p + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
            while (p < end && buf[p] != ',' && buf[p] != '\n') {
                p++;
            }
            return p;
        }

        /** The high bit of the lowest zero byte of {@code x} set (and maybe some above it, never below). */
        private static long zeroBytes(long x) {
            return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
        }

        private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
        private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

        /** After a field ending at {@code p}: what follows it (comma, newline, the buffer's end). */
        private int finishField(int p) {
            if (p >= end) {
                pos = p;
                return END_OF_BUFFER;
            }
            pos = p + 1;
            if (buf[p] == ',') {
                return MORE;
            }
            lines++;
            return END_OF_RECORD;
        }

        /**
         * Reads the next field into {@code b} ({@link #nextField} then {@link #append}), in one pass
         * for the common field: a plain integer, a plain decimal or an unquoted string ended by a comma
         * or a newline, parsed from the bytes as they are scanned — no String made for a number, and a
         * string looked up among those already made. Anything else (quotes, {@code \r}, exponents,
         * {@code nan}, the buffer's end) takes the general path, so the two agree on every input.
         *
         * @return what follows the field, as {@link #nextField}; {@link #DOES_NOT_PARSE} when the
         *         value is not of the builder's type (then {@link #string()} is the value)
         */
        int parseInto(Column.Builder b) {
            int p = switch (b.dtype()) {
                case LONG -> plainLong(b);
                case DOUBLE -> plainDouble(b);
                case STRING -> plainString(b);
                case BOOLEAN -> -1;
            };
            if (p >= 0) {
                fieldStart = pos;
                fieldEnd = p;
                quoted = false;
                escapedQuote = false;
                return finishField(p);
            }
            int state = nextField();
            return append(b) ? state : DOES_NOT_PARSE;
        }

        /** Whether byte {@code p} ends a plain field: a comma or a newline inside the buffer. */
        private boolean endsField(int p) {
            return p < end && (buf[p] == ',' || buf[p] == '\n');
        }

        /** A field of 1 to 18 digits (a sign allowed) appended; its end, or -1 to take the general path. */
        private int plainLong(Column.Builder b) {
            int p = pos;
            boolean negative = p < end && buf[p] == '-';
            if (negative) {
                p++;
            }
            int first = p;
            long v = 0;
            while (p < end) {
                int d = buf[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
                p++;
            }
            if (p == first || p - first > 18 || !endsField(p)) {
                return -1;
            }
            b.appendLong(negative ? -v : v);
            return p;
        }

        /** A decimal of at most 15 digits ({@code -12.50}) appended exactly, as {@link #parseDouble} does. */
        private int plainDouble(Column.Builder b) {
            int p = pos;
            boolean negative = p < end && buf[p] == '-';
            if (negative) {
                p++;
            }
            long mantissa = 0;
            int digits = 0;
            int scale = -1;
            while (p < end) {
                byte c = buf[p];
                if (c >= '0' && c <= '9') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    if (scale >= 0) {
                        scale++;
                    }
                } else if (c == '.' && scale < 0) {
                    scale = 0;
                } else {
                    break;
                }
                p++;
            }
            if (digits == 0 || digits > 15 || !endsField(p)) {
                return -1;
            }
            double v = scale <= 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
            b.appendDouble(negative ? -v : v);
            return p;
        }

        /** A non-empty unquoted string of at most 32 bytes, without {@code \r}, appended; its end, or -1. */
        private int plainString(Column.Builder b) {
            int p = pos;
            int limit = Math.min(end, pos + 33);
            int h = 0;
            while (p < limit) {
                byte c = buf[p];
                if (c == ',' || c == '\n') {
                    break;
                }
                if (c == '"' || c == '\r') {
                    return -1;
                }
                h = 31 * h + c;
                p++;
            }
            if (p == pos || !endsField(p)) {
                return -1;
            }
            b.appendString(known(h, pos, p));
            return p;
        }

        /** The string of bytes {@code [s, e)} with hash {@code h}: the one made before, if it is in the table. */
        private String known(int h, int s, int e) {
            int home = (h ^ (h >>> 10)) & (seen.length - 1);
            int slot = home;
            for (int probe = 0; probe < 8; probe++, slot = (slot + 1) & (seen.length - 1)) {
                byte[] k = seenBytes[slot];
                if (k == null) {
                    break;
                }
                if (sameBytes(k, s, e)) {
                    return seen[slot];
                }
            }
            if (seenBytes[slot] != null) {
                slot = home; // the neighbourhood is full: the newest string takes the first place
            }
            String made = new String(buf, s, e - s, StandardCharsets.UTF_8);
            seenBytes[slot] = java.util.Arrays.copyOfRange(buf, s, e);
            seen[slot] = made;
            return made;
        }

        /** Whether {@code k} holds the bytes {@code [s, e)}: a plain loop, cheaper than {@code Arrays.equals} for a few bytes. */
        private boolean sameBytes(byte[] k, int s, int e) {
            if (k.length != e - s) {
                return false;
            }
            for (int i = 0; i < k.length; i++) {
                if (k[i] != buf[s + i]) {
                    return false;
                }
            }
            return true;
        }

        /** The field just read as text, or null when empty. */
        String string() {
            int len = fieldEnd - fieldStart;
            if (len == 0) {
                return null;
            }
            if (len <= 32 && !escapedQuote) {
                int h = 0;
                for (int i = fieldStart; i < fieldEnd; i++) {
                    h = 31 * h + buf[i];
                }
                return known(h, fieldStart, fieldEnd);
            }
            String s = new String(buf, fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8);
            return escapedQuote ? s.replace("\"\"", "\"") : s;
        }

        byte[] fieldBytes() {
            return java.util.Arrays.copyOfRange(buf, fieldStart, fieldEnd);
        }

        /** Appends the field just read, parsed as the builder's type; false when it does not parse. */
        boolean append(Column.Builder b) {
            int s = fieldStart;
            int e = fieldEnd;
            if (s == e) {
                b.appendNull();
                return true;
            }
            switch (b.dtype()) {
                case LONG -> {
                    if (!parseLong(buf, s, e)) {
                        return false;
                    }
                    b.appendLong(parsedLong);
                }
                case DOUBLE -> {
                    if (!parseDouble(buf, s, e)) {
                        return false;
                    }
                    b.appendDouble(parsedDouble);
                }
                case BOOLEAN -> {
                    int v = parseBoolean(buf, s, e);
                    if (v < 0) {
                        return false;
                    }
                    b.appendBoolean(v == 1);
                }
                case STRING -> b.appendString(string());
            }
            return true;
        }

        boolean parseLong(byte[] a, int s, int e) {
            boolean negative = a[s] == '-';
            int i = negative || a[s] == '+' ? s + 1 : s;
            if (i == e || e - i > 18) {
                return e - i > 18 && slowLong(a, s, e);
            }
            long v = 0;
            for (; i < e; i++) {
                int d = a[i] - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                v = v * 10 + d;
            }
            parsedLong = negative ? -v : v;
            return true;
        }

        private boolean slowLong(byte[] a, int s, int e) {
            try {
                parsedLong = Long.parseLong(new String(a, s, e - s, StandardCharsets.US_ASCII));
                return true;
            } catch (NumberFormatException x) {
                return false;
            }
        }

        /** A decimal like {@code -12.50} exactly (digits ÷ a power of ten, both exact doubles); else Java's parser. */
        boolean parseDouble(byte[] a, int s, int e) {
            boolean negative = a[s] == '-';
            int i = negative || a[s] == '+' ? s + 1 : s;
            long mantissa = 0;
            int digits = 0;
            int scale = -1;
            for (; i < e; i++) {
                byte c = a[i];
                if (c >= '0' && c <= '9') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                } else if (c == '.' && scale < 0) {
                    scale = 0;
                    continue;
                } else {
                    break;
                }
                if (scale >= 0) {
                    scale++;
                }
            }
            if (i == e && digits > 0 && digits <= 15) {
                double v = scale <= 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
                parsedDouble = negative ? -v : v;
                return true;
            }
            return slowDouble(a, s, e);
        }

        private boolean slowDouble(byte[] a, int s, int e) {
            for (int i = s; i < e; i++) {
                byte c = a[i];
                boolean numeric = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
                if (!numeric) {
                    String word = new String(a, s, e - s, StandardCharsets.US_ASCII).replace("+", "").replace("-", "");
                    if (!word.equalsIgnoreCase("nan") && !word.equalsIgnoreCase("inf")
                            && !word.equalsIgnoreCase("infinity")) {
                        return false;
                    }
                    String t = new String(a, s, e - s, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                    parsedDouble = t.contains("nan") ? Double.NaN
                            : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    return true;
                }
            }
            try {
                parsedDouble = Double.parseDouble(new String(a, s, e - s, StandardCharsets.US_ASCII));
                return true;
            } catch (NumberFormatException x) {
                return false;
            }
        }

        /** 1 for true, 0 for false (any capitalisation, as pandas reads them), -1 for neither. */
        static int parseBoolean(byte[] a, int s, int e) {
            String t = e - s == 4 || e - s == 5 ? new String(a, s, e - s, StandardCharsets.US_ASCII) : "";
            return t.equalsIgnoreCase("true") ? 1 : t.equalsIgnoreCase("false") ? 0 : -1;
        }

        private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
            1e11, 1e12, 1e13, 1e14, 1e15, 1e16};
    }
}
