package dev.rosetta.threading;

/**
 * The body of a Python thread ({@code threading.Thread(target=...)}), written against the
 * thread's {@link PyThreadState} so that it says where its instructions, check points and
 * blocking calls are.
 *
 * <pre>{@code
 * PyCode countdown = py -> {          // def countdown(n):
 *     for (long n = 1_000_000; n > 0; n--) {   //     while n > 0:
 *         py.instructions(4);         //         n -= 1   (LOAD_FAST, LOAD_CONST, BINARY_OP, STORE_FAST)
 *         py.backEdge();              //     (the loop's jump back: a check point)
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface PyCode {
    /** Runs the thread's code; it holds the GIL (if there is one) whenever it is not blocked. */
    void run(PyThreadState py) throws Exception;
}
