package dev.rosetta.distributed.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.testkit.TimeLimit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An actor on a Hazelcast member runs its calls in the order they were made, never two at once. */
class ActorOrderTest {
    /** What the probe saw: the calls in the order they ran, and the most that were inside at once. */
    record Seen(List<Integer> order, int mostInside) implements Serializable {
    }

    /**
     * A probe actor: each call counts itself in, records its number, yields the processor while
     * inside (so that an overlapping call, if any could run, gets in), and counts itself out.
     */
    public static final class Probe {
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger mostInside = new AtomicInteger();
        private final List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());

        public int enter(int call) {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            order.add(call);
            for (int i = 0; i < 50; i++) {
                Thread.yield();
            }
            inside.decrementAndGet();
            return call;
        }

        public Seen seen() {
            return new Seen(List.copyOf(order), mostInside.get());
        }
    }

    /**
     * 2,000 calls made at once (many batches, some sent while others run), then 50 made and waited
     * for one by one, and calls whose argument is a ref not yet ready: the probe saw every call in
     * the order made, and never two inside together.
     */
    @Test
    @TimeLimit(seconds = 150)
    void callsRunInTheOrderMadeAndNeverOverlap() {
        try (Ray ray = Ray.init(HazelcastRuntime.members(2))) {
            ActorHandle<Probe> probe = ray.actor(Probe.class);
            var refs = new ArrayList<ObjectRef<Integer>>();
            for (int i = 0; i < 2_000; i++) {
                refs.add(probe.remote(Probe::enter, i));
            }
            for (int i = 2_000; i < 2_050; i++) {
                assertEquals(i, ray.get(probe.remote(Probe::enter, i)));
            }
            ObjectRef<Integer> later = ray.remote((Integer x) -> x).remote(2_050);
            refs.add(probe.remote(Probe::enter, later));   // a ref as the argument: held until ready...
            refs.add(probe.remote(Probe::enter, 2_051));   // ...and this call, made after it, waits behind it
            ray.get(refs);
            Seen seen = ray.get(probe.remote(Probe::seen));

            assertEquals(1, seen.mostInside(), seen.mostInside() + " calls of one actor were running at the same time:"
                    + " an actor runs its calls one at a time (Hazelcast's executor runs tasks concurrently; the mailbox"
                    + " must send an actor's next batch only when the last came back)");
            assertEquals(IntStream.range(0, 2_052).boxed().toList(), seen.order(),
                    "the actor ran its calls out of the order they were made in");
        }
    }
}
