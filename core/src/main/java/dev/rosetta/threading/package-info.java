/**
 * Python's {@code threading} and its global interpreter lock (GIL), rebuilt so that it can be
 * read in an afternoon and measured on this machine.
 *
 * <p>CPython lets one thread run bytecode at a time. The rest of this package is that one
 * sentence made precise:
 * <ul>
 *   <li>{@link dev.rosetta.threading.GlobalInterpreterLock} — the lock, in three
 *       {@linkplain dev.rosetta.threading.GilMode modes}: the GIL of CPython 3.2+
 *       ({@link dev.rosetta.threading.NewGil}: a waiter asks the holder to drop it after the
 *       switch interval), the GIL before 3.2 ({@link dev.rosetta.threading.OldGil}: the holder
 *       lets go every 100 ticks and usually grabs it straight back) and free-threaded Python
 *       ({@link dev.rosetta.threading.NoGil}: no lock at all).</li>
 *   <li>{@link dev.rosetta.threading.Interpreter} — runs "Python threads": real Java threads
 *       whose work is written as {@linkplain dev.rosetta.threading.PyThreadState instructions
 *       and check points}, the only places where a GIL can change hands.</li>
 *   <li>{@link dev.rosetta.threading.GlobalVariable} — a module-level name that threads share,
 *       so that {@code x += 1} can lose updates exactly when CPython's does.</li>
 *   <li>{@link dev.rosetta.threading.Event} — {@code threading.Event}, which the JDK lacks.</li>
 *   <li>{@link dev.rosetta.threading.Experiments} — the measurements behind the tour's
 *       {@code threading} row and the examples.</li>
 * </ul>
 *
 * <p>Chapter: {@code docs/threading.md}.
 */
package dev.rosetta.threading;
