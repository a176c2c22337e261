package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedMemoryTest {

    /** Two worker processes add to one number in shared memory atomically: no update is lost. */
    @Test
    void workersShareMemoryAndAtomicAddsLoseNothing() {
        String name = "test-atomic-" + ProcessHandle.current().pid();
        try (var pool = new Pool(2); var shm = SharedMemory.create(name, 64)) {
            pool.map(n -> {
                try (var mine = SharedMemory.attach(name)) {
                    for (int i = 0; i < 50_000; i++) {
                        mine.getAndAddLong(8, 1);
                    }
                }
                return n;
            }, List.of(1, 2, 3, 4), 1);

            assertEquals(200_000, shm.getLong(8), "4 tasks x 50,000 atomic adds, in 2 processes");
            shm.unlink();
        }
        assertFalse(SharedMemory.exists(name), "unlinked: nothing left in /dev/shm");
    }

    /** The lifetime is explicit, and each misuse says what to do. */
    @Test
    void lifetimeIsExplicit() {
        String name = "test-lifetime-" + ProcessHandle.current().pid();
        var shm = SharedMemory.create(name, 16);
        shm.setLong(0, 42);
        try (var other = SharedMemory.attach(name)) {
            assertEquals(42, other.getLong(0), "a second mapping sees the same memory");
        }
        var twice = assertThrows(IllegalStateException.class, () -> SharedMemory.create(name, 16));
        assertTrue(twice.getMessage().startsWith("a shared memory block named '" + name + "' already exists"),
                twice.getMessage());
        shm.close();
        shm.unlink();
        assertFalse(SharedMemory.exists(name));
        var gone = assertThrows(IllegalStateException.class, () -> SharedMemory.attach(name));
        assertEquals("no shared memory block named '" + name + "': create it first, or it was already unlinked",
                gone.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("a/b", 8));
        assertTrue(bad.getMessage().startsWith("a shared memory name is 1 to 100 letters"), bad.getMessage());
    }
}
