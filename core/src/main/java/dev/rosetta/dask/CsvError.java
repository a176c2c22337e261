package dev.rosetta.dask;

import java.io.Serial;

/**
 * A CSV row that does not fit: a value that does not parse as its column's type (pandas'
 * {@code ValueError}, which dask reports as "Mismatched dtypes found in pd.read_csv"), or a row
 * with the wrong number of fields. It names the file, the line, the column, the value and the
 * rule it broke, and is raised by the task that reads that row — not by an operation further on.
 *
 * <p>Thread-safety: immutable.
 */
public final class CsvError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;
    private final String value;
    private final DType expected;

    /**
     * @param file     the file the row is in
     * @param line     the row's line number, 1-based, the header being line 1
     * @param column   the column, or null when the whole row is wrong
     * @param value    the value that broke the rule, or null
     * @param expected the column's type, or null when the whole row is wrong
     * @param message  the full message
     */
    public CsvError(String file, long line, String column, String value, DType expected, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
        this.expected = expected;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }

    public String value() {
        return value;
    }

    public DType expected() {
        return expected;
    }
}
