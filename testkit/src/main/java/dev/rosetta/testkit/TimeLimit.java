package dev.rosetta.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the time limit of a test method, or of every test in a class, in place of the default
 * ({@code rosetta.test.timeout.seconds} in {@code junit-platform.properties}). The limit is
 * multiplied by {@code -Drosetta.timeout.factor} so that one knob slows every test down on a
 * slow machine. When it fires, {@link TimeLimitExtension} fails the test with a {@link ThreadReport}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
public @interface TimeLimit {
    /** The limit in seconds, before scaling. */
    double seconds();
}
