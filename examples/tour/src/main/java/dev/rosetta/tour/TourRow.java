package dev.rosetta.tour;

/**
 * One row of the tour: a Python library, the claims the comparison table makes about it, and
 * the experiment that measures those claims on this machine.
 *
 * <p>A row lives beside its example module's ideas but measures them here, so that
 * {@code ./rosetta tour} prints every figure in one table and one JSON file. Register a new
 * row in {@link Rows#all()}.
 */
public interface TourRow {

    /** The row's name, the Python library: {@code threading}, {@code multiprocessing}, ... */
    String name();

    /**
     * What the comparison table says about the library, before any measuring, in the language
     * of {@code words}: by default the row's lines in the tour's word bundles ({@link Words#claims}).
     */
    default Claims claims(Words words) {
        return words.claims(name());
    }

    /** Whether the row's experiment exists yet; rows not built yet print "not built yet". */
    default boolean built() {
        return true;
    }

    /**
     * Runs the row's experiment, handing each figure to {@code readings} as it is measured
     * (its {@link Figure}: key, unit, meaning, goal, Python's figure). Each figure is a median
     * of repeated runs after warm-up where the run can be repeated ({@link Measure});
     * {@link Readings#quick()} asks for seconds rather than minutes, for tests, with the same
     * figures.
     */
    void measure(Readings readings) throws Exception;

    /**
     * The seed's claims about a library.
     *
     * @param library    the Python library, as a Python programmer writes it
     * @param whatItIs   one line
     * @param typicalUse when people reach for it
     * @param strength   its main strength
     * @param weakness   its main weakness
     * @param background why and when it appeared (the Korean table's 등장 배경)
     */
    record Claims(String library, String whatItIs, String typicalUse, String strength, String weakness,
                  String background) {
    }
}
