package dev.rosetta.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs small fixture classes through a nested JUnit engine and reads how they failed. */
class TimeLimitExtensionTest {

    /** A test stuck in a deadlock fails at its limit with a report that names the cycle. */
    @Test
    void aHangingTestFailsWithTheDeadlockNamed() {
        Throwable failure = onlyFailure(HangingFixture.class);

        assertInstanceOf(TestTimedOut.class, failure);
        String message = failure.getMessage();
        assertTrue(message.startsWith("test 'waitsForADeadlock()' did not finish within 0.5 s"), message);
        assertTrue(message.contains("\"left\" waits for"), message);
        assertTrue(message.contains("DEADLOCK: a cycle of 2 threads"), message);
    }

    /** A test that returns while a thread it started still runs fails, naming the thread. */
    @Test
    void aThreadLeftRunningFailsTheTest() {
        Throwable failure = onlyFailure(LeakyFixture.class);

        String message = failure.getMessage();
        assertTrue(message.startsWith("This test left threads running after it ended: 1 thread:"), message);
        assertTrue(message.contains("\"forgotten\" WAITING"), message);
        assertTrue(message.contains("shut executors down"), message);
    }

    /** The limit is preemptive: a test that ignores interrupts still ends at its limit. */
    @Test
    void aTestThatIgnoresInterruptsStillEnds() {
        Throwable failure = onlyFailure(StubbornFixture.class);

        assertInstanceOf(TestTimedOut.class, failure);
        assertTrue(failure.getMessage().contains("spinsForever"), failure.getMessage());
    }

    private static Throwable onlyFailure(Class<?> fixture) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(RunOnlyInsideTimeLimitExtensionTest.KEY, "true")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents()
                .failed()
                .list();
        assertEquals(1, failed.size(), "the fixture " + fixture.getSimpleName() + " should fail exactly once");
        return failed.getFirst().getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
    }

    /** Keeps the fixtures from running when an IDE runs "all tests in the package". */
    static final class RunOnlyInsideTimeLimitExtensionTest implements ExecutionCondition {
        static final String KEY = "rosetta.testkit.fixtures";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("run by TimeLimitExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture of TimeLimitExtensionTest, failing on purpose");
        }
    }

    @ExtendWith(RunOnlyInsideTimeLimitExtensionTest.class)
    static class HangingFixture {
        @Test
        @TimeLimit(seconds = 0.5)
        void waitsForADeadlock() throws InterruptedException {
            Deadlock.start().left.join();
        }
    }

    @ExtendWith(RunOnlyInsideTimeLimitExtensionTest.class)
    static class LeakyFixture {
        @Test
        void startsAThreadAndForgetsIt() {
            var never = new CountDownLatch(1);
            Thread.ofPlatform().name("forgotten").start(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @ExtendWith(RunOnlyInsideTimeLimitExtensionTest.class)
    static class StubbornFixture {
        static volatile boolean stop;

        @Test
        @TimeLimit(seconds = 0.3)
        void spinsForever() {
            while (!stop) {
                Thread.onSpinWait();
            }
        }
    }
}
