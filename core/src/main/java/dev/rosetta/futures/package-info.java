/**
 * Python's {@code concurrent.futures}, where the JDK lacks it: {@link dev.rosetta.futures.Futures#asCompleted}
 * and {@link dev.rosetta.futures.Futures#wait} over {@code CompletableFuture}s, whatever executor runs them.
 * Where the JDK already has the idea ({@code CompletableFuture}, {@code ExecutorCompletionService},
 * {@code invokeAll}, virtual-thread executors) use the JDK; docs/futures.md maps the two.
 */
package dev.rosetta.futures;
