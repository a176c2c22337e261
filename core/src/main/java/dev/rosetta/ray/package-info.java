/**
 * Ray's core: remote tasks that return {@link dev.rosetta.ray.ObjectRef}s at once, an object
 * store, and actors, on a local cluster of worker JVMs started through
 * {@code dev.rosetta.multiprocessing}. Start at {@link dev.rosetta.ray.Ray}.
 *
 * <p>The one idea: a call hands back a promise of its result immediately, and the caller
 * chooses when to wait. Submitting many calls before waiting for any is what makes them run in
 * parallel; waiting after each call runs them one at a time.
 */
package dev.rosetta.ray;
