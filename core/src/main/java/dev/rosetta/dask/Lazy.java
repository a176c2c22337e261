package dev.rosetta.dask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A lazy result: dask's collection protocol. Nothing runs until {@link #compute}; until then the
 * result is a plan, which {@link #graph()} turns into the task graph a {@link Scheduler} runs and
 * {@link #visualize(Path)} draws.
 *
 * <p>Thread-safety: immutable; {@code compute} may be called from several threads, each with its
 * own scheduler.
 *
 * @param <T> what {@code compute} returns
 */
public abstract sealed class Lazy<T> permits Frame, Scalar {
    final Plan plan;

    Lazy(Plan plan) {
        this.plan = plan;
    }

    /** The keys whose values make this result. */
    abstract List<String> keys();

    /** The columns wanted of this result's plan. */
    abstract Set<String> columns();

    /** This result, from the values of {@link #keys()}. */
    abstract T finish(List<Object> values);

    /** The optimised task graph that {@code compute} runs: culled, fused. */
    public TaskGraph graph() {
        return Plan.build(List.of(plan), List.of(columns()), keys());
    }

    /** Runs on a pool of threads, one per processor ({@code .compute()}: dask's default for frames). */
    public T compute() {
        try (var threads = LocalScheduler.threads(Runtime.getRuntime().availableProcessors())) {
            return compute(threads);
        }
    }

    /** Runs on {@code scheduler} ({@code .compute(scheduler=...)}). */
    public T compute(Scheduler scheduler) {
        return compute(scheduler, Scheduler.Callback.NONE);
    }

    /** Runs on {@code scheduler}, telling {@code callback} (a {@link ProgressBar}, say) as it goes. */
    public T compute(Scheduler scheduler, Scheduler.Callback callback) {
        return finish(graph().run(scheduler, keys(), callback));
    }

    /** The graph as a Mermaid flowchart ({@code .visualize()}). */
    public String visualize() {
        return graph().mermaid();
    }

    /** Writes the graph to {@code file}: Graphviz DOT for {@code .dot}/{@code .gv}, Mermaid otherwise. */
    public void visualize(Path file) {
        String name = file.getFileName().toString();
        try {
            Files.writeString(file, name.endsWith(".dot") || name.endsWith(".gv") ? graph().dot() : graph().mermaid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of the operation that makes this result ({@code groupby-5c1e0a7b}): dask's {@code ._name}. */
    public String name() {
        return plan.name;
    }
}
