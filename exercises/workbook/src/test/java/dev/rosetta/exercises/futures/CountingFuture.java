package dev.rosetta.exercises.futures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CompletableFuture} that counts how often it is asked "are you done yet?" (isDone,
 * getNow, a timed get, ...). A waiter that sleeps until a callback wakes it asks nothing while
 * nothing happens; a polling loop asks hundreds of times a second. The count is shared by the
 * futures of one test. Callbacks ({@code whenComplete} and friends) are not counted: they are
 * the right way to hear of a completion.
 *
 * <p>Thread-safety: as {@code CompletableFuture}; the counter is atomic.
 */
final class CountingFuture<T> extends CompletableFuture<T> {
    private final AtomicInteger questions;
    private final String name;

    CountingFuture(String name, AtomicInteger questions) {
        this.name = name;
        this.questions = questions;
    }

    @Override
    public boolean isDone() {
        questions.incrementAndGet();
        return super.isDone();
    }

    @Override
    public boolean isCancelled() {
        questions.incrementAndGet();
        return super.isCancelled();
    }

    @Override
    public boolean isCompletedExceptionally() {
        questions.incrementAndGet();
        return super.isCompletedExceptionally();
    }

    @Override
    public T getNow(T valueIfAbsent) {
        questions.incrementAndGet();
        return super.getNow(valueIfAbsent);
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        questions.incrementAndGet();
        return super.get(timeout, unit);
    }

    @Override
    public State state() {
        questions.incrementAndGet();
        return super.state();
    }

    @Override
    public String toString() {
        return "future " + name;
    }
}
