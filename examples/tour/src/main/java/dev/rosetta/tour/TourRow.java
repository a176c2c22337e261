package dev.rosetta.tour;

import dev.rosetta.common.Words;

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

    /** The tour's words, in {@code language}: {@code dev/rosetta/tour/words.properties} and its translations. */
    static Words words(String language) {
        return Words.of("dev.rosetta.tour.words", language);
    }

    /**
     * What the comparison table says about the library, before any measuring, in the language
     * of {@code words}: by default the row's lines in the tour's words ({@code row.NAME.whatItIs}, ...).
     */
    default Claims claims(Words words) {
        String row = "row." + name() + ".";
        return new Claims(words.get(row + "library"), words.get(row + "whatItIs"), words.get(row + "typicalUse"),
                words.get(row + "strength"), words.get(row + "weakness"), words.get(row + "background"));
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
     * The row's headline experiment, small, to be watched rather than measured: the tour runs it
     * with tracing on after the row's figures are taken, for the report's timeline
     * ({@code --report DIR}) and the chapters' pictures ({@code ./rosetta pictures}). Null when
     * the row has none.
     */
    default Headline headline() {
        return null;
    }

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

    /**
     * An experiment to draw as a timeline.
     *
     * @param title      the picture's title: the experiment, as a Python programmer would call it
     * @param whatToSee  one or two sentences for the learner: what the picture shows and what to look for
     * @param experiment runs it; every row's spans are recorded meanwhile
     */
    record Headline(String title, String whatToSee, Experiment experiment) {
    }

    /** The work a {@link Headline} draws. */
    @FunctionalInterface
    interface Experiment {
        /** Runs it once. */
        void run() throws Exception;
    }
}
