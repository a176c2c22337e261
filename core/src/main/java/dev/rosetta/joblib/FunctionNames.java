package dev.rosetta.joblib;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * A readable name for a serialisable function: {@code Math.sqrt} for a method reference, the
 * class and synthetic method for a lambda ({@code Work.lambda$main$0}), the class name otherwise.
 * Used in messages ({@link Delayed#toString()}) and as the identity of a cached function
 * ({@link Memory}), and by ray for its task names. Thread-safety: stateless.
 */
public final class FunctionNames {
    private FunctionNames() {
    }

    /** {@code Math.sqrt}, {@code Work.lambda$main$0} or the class's simple name. */
    public static String of(Serializable function) {
        SerializedLambda lambda = serializedForm(function);
        if (lambda == null) {
            return function.getClass().getSimpleName();
        }
        String owner = lambda.getImplClass();
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + lambda.getImplMethodName();
    }

    /** The lambda's serialised form (its implementing class and method), or null for a plain class. */
    static SerializedLambda serializedForm(Serializable function) {
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(function) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
