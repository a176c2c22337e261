package dev.rosetta.dask;

/**
 * Where {@link Frame#sortValues} puts the rows with no value (null, or a double NaN): pandas'
 * {@code na_position="first"} or {@code "last"} (the default).
 */
public enum NaPosition {
    /** Before every value, whatever the direction. */
    FIRST,
    /** After every value, whatever the direction: pandas' default. */
    LAST
}
