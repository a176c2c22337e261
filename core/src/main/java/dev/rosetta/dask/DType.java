package dev.rosetta.dask;

/**
 * A column's type: pandas' dtypes {@code int64}, {@code float64}, {@code object} (strings) and
 * {@code bool}. Every type may hold nulls (pandas' {@code NaN} / {@code None} / {@code <NA>}).
 */
public enum DType {
    /** pandas {@code int64}. */
    LONG("int64"),
    /** pandas {@code float64}. */
    DOUBLE("float64"),
    /** pandas {@code object} holding {@code str}. */
    STRING("object"),
    /** pandas {@code bool}. */
    BOOLEAN("bool");

    private final String pandasName;

    DType(String pandasName) {
        this.pandasName = pandasName;
    }

    /** The name pandas prints for this type ({@code df.dtypes}). */
    public String pandasName() {
        return pandasName;
    }

    /** True for the types arithmetic works on. */
    public boolean isNumeric() {
        return this == LONG || this == DOUBLE;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
