package dev.rosetta.examples.joblib;

import dev.rosetta.joblib.Memory;
import dev.rosetta.trace.TimelineFlag;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * joblib's {@code Memory}: results kept on disk, found again by the function, its code and its
 * argument.
 *
 * <pre>{@code
 * from joblib import Memory
 * memory = Memory("cache_dir", verbose=0)
 * @memory.cache
 * def slow_square(x):
 *     print("  computing", x)
 *     return x * x
 * slow_square(3); slow_square(3); slow_square(4)
 * memory.clear()
 * slow_square(3)
 * }</pre>
 */
public final class MemoryCache {
    private MemoryCache() {
    }

    static int slowSquare(int x) {
        System.out.println("  computing " + x);
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, MemoryCache::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("joblib-memory-");
        var memory = new Memory(dir);
        var square = memory.cache(MemoryCache::slowSquare);
        System.out.println("square(3) = " + square.apply(3));
        System.out.println("square(3) = " + square.apply(3) + "   (read from " + dir.getFileName() + ", not computed)");
        System.out.println("square(4) = " + square.apply(4));
        System.out.println("hits " + square.hits() + ", misses " + square.misses());
        memory.clear();
        System.out.println("after clear(): square(3) = " + square.apply(3));
        memory.clear();
        Files.deleteIfExists(dir);
    }
}
