package dev.rosetta.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.testkit.TimeLimit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Tasks and objects on a running cluster: placement, the store, errors. */
class ClusterTest {
    /** What a task placed near a key saw on its member. */
    record Placed(ClusterMember member, boolean ownsKey, int value) implements Serializable {
    }

    /** A task placed near a key runs on the member that owns it, and reads the object there. */
    @Test
    @TimeLimit(seconds = 150)
    void aTaskPlacedNearAKeyRunsOnItsOwner() throws Exception {
        try (var local = LocalCluster.start(2)) {
            Cluster cluster = local.cluster();
            var refs = new ArrayList<ObjectRef<Integer>>();
            for (int i = 0; i < 16; i++) {
                refs.add(cluster.store().put("partition-" + i, i * i));
            }
            var placed = new ArrayList<CompletableFuture<Placed>>();
            for (ObjectRef<Integer> ref : refs) {
                placed.add(cluster.submit(() -> {
                    Worker me = Worker.current();
                    return new Placed(me.self(), me.owns(ref), me.cluster().store().get(ref));
                }, ref));
            }
            var ranOn = new HashSet<ClusterMember>();
            for (int i = 0; i < refs.size(); i++) {
                Placed p = placed.get(i).join();
                ObjectRef<Integer> ref = refs.get(i);
                assertTrue(p.ownsKey(), "the task for '" + ref.key() + "' ran on " + p.member()
                        + ", which does not own that key: placing work where its data is failed");
                assertEquals(cluster.ownerOf(ref), p.member(), "ownerOf('" + ref.key() + "') disagrees with where its task ran");
                assertEquals(i * i, p.value(), "the task read the wrong object for '" + ref.key() + "'");
                ranOn.add(p.member());
            }
            assertEquals(2, ranOn.size(), "16 keys should be spread over both members, but all their tasks ran on " + ranOn);
        }
    }

    /** The store keeps copies, forgets deleted objects, and says so when asked for one. */
    @Test
    @TimeLimit(seconds = 150)
    void theStoreKeepsCopiesAndTasksRaiseTheirOwnExceptions() throws Exception {
        try (var local = LocalCluster.start(1)) {
            Cluster cluster = local.cluster();
            ObjectStore store = cluster.store();
            int[] data = {1, 2, 3};
            ObjectRef<int[]> ref = store.put(data);
            data[0] = 100;
            assertEquals(1, store.get(ref)[0], "changing an array after put changed the stored copy");
            assertEquals(6, cluster.submit(() -> {
                int sum = 0;
                for (int x : Worker.current().cluster().store().get(ref)) {
                    sum += x;
                }
                return sum;
            }, ref).join(), "a task reading the object on its member");
            store.delete(ref);
            var missing = assertThrows(NoSuchElementException.class, () -> store.get(ref));
            assertTrue(missing.getMessage().contains(ref.key()), missing.getMessage());

            // a task's own exception comes back as itself, its cause the member's stack trace
            var failed = assertThrows(CompletionException.class,
                    () -> cluster.submit(() -> Integer.parseInt("not a number")).join());
            var raised = assertInstanceOf(NumberFormatException.class, failed.getCause(),
                    "the task raised NumberFormatException on its member; the caller got " + failed.getCause());
            assertTrue(raised.getCause().getMessage().contains("member-1"), raised.getCause().getMessage());

            // a task that cannot be sent is refused here, naming what held it
            var notSerialisable = new Object();
            PicklableCallable<String> captures = () -> notSerialisable.toString();
            var refused = assertThrows(PicklingError.class, () -> cluster.submit(captures));
            assertTrue(refused.getMessage().contains("java.lang.Object"), refused.getMessage());

            // a result that cannot come back fails the future, saying so
            var unsendable = assertThrows(CompletionException.class, () -> cluster.submit(Object::new).join());
            assertInstanceOf(PicklingError.class, unsendable.getCause(), "a result that does not serialise");
        }
    }
}
