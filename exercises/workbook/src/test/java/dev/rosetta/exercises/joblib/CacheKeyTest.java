package dev.rosetta.exercises.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code joblib/cache-key}. The functions are classes the test writes itself (with
 * the JDK's class-file API) and loads in class loaders of their own, so that it can have two
 * versions of one class, or the same class loaded twice as a later run would. The contract, one
 * property per test:
 * <ul>
 *   <li>The key is 64 lowercase hex digits (a SHA-256): safe as a file name, whatever the argument.</li>
 *   <li>Equal arguments give the same key, even in different objects (arrays too), call after call.</li>
 *   <li>Different arguments give different keys, even with equal {@code hashCode()} or {@code toString()}.</li>
 *   <li>Another function gives another key: another method of the class, or another class.</li>
 *   <li>A new version of the class (other code, same name) gives another key: old entries no longer match.</li>
 *   <li>The same class loaded again (a later run) gives the same key: its entries are found again.</li>
 *   <li>An argument that cannot be serialised is an {@link IllegalArgumentException} naming its class.</li>
 * </ul>
 */
@TimeLimit(seconds = 10)
class CacheKeyTest {
    private static final String SQUARE = "dev.rosetta.exercises.joblib.generated.Square";
    private static final String CUBE = "dev.rosetta.exercises.joblib.generated.Cube";

    /** A class {@code name} with {@code static int apply(int x)} returning {@code x * x + plus}. */
    private static byte[] classFile(String name, int plus) {
        return ClassFile.of().build(ClassDesc.of(name), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC)
                .withMethodBody("apply", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.iload(0).iload(0).imul().bipush(plus).iadd().ireturn()));
    }

    /** Loads {@code bytes} as class {@code name} in a class loader of its own, which also serves its class file. */
    private static Class<?> load(String name, byte[] bytes) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        return new ClassLoader("generated-" + name, CacheKeyTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String wanted) throws ClassNotFoundException {
                if (wanted.equals(name)) {
                    return defineClass(name, bytes, 0, bytes.length);
                }
                throw new ClassNotFoundException(wanted);
            }

            @Override
            public InputStream getResourceAsStream(String wanted) {
                return wanted.equals(resource) || wanted.equals("/" + resource) ? new ByteArrayInputStream(bytes)
                        : super.getResourceAsStream(wanted);
            }
        }.loadClass(name);
    }

    private static Class<?> square() throws ClassNotFoundException {
        return load(SQUARE, classFile(SQUARE, 0));
    }

    @Test
    @DisplayName("the key is 64 lowercase hex digits")
    void keyIsSha256Hex() throws Exception {
        for (Object argument : new Object[] {3, "a/b\\c:*?\n", List.of(1, 2), null}) {
            String key = CacheKey.of(square(), "apply", argument);
            assertTrue(key != null && key.matches("[0-9a-f]{64}"), "the key of Square.apply(" + argument + ") must be"
                    + " a SHA-256 as 64 lowercase hex digits (HexFormat.of().formatHex(digest)), safe as a file name"
                    + " whatever the argument, but was: " + key);
        }
    }

    @Test
    @DisplayName("equal arguments give the same key, even in different objects")
    void equalArgumentsSameKey() throws Exception {
        Class<?> square = square();
        assertEquals(CacheKey.of(square, "apply", 3), CacheKey.of(square, "apply", 3),
                "Square.apply(3) twice: the same call must give the same key, or the cache never hits");
        assertEquals(CacheKey.of(square, "apply", new int[] {1, 2, 3}), CacheKey.of(square, "apply", new int[] {1, 2, 3}),
                "two arrays int[] {1, 2, 3}, equal in value but different objects (their hashCode() differs): the key"
                        + " must come from the argument's value, its serialised bytes, not from its identity");
        assertEquals(CacheKey.of(square, "apply", new ArrayList<>(List.of("a", "b"))),
                CacheKey.of(square, "apply", new ArrayList<>(List.of("a", "b"))),
                "two equal lists in different objects must give the same key");
    }

    @Test
    @DisplayName("different arguments give different keys, even with equal hashCode() or toString()")
    void differentArgumentsDifferentKeys() throws Exception {
        Class<?> square = square();
        assertNotEquals(CacheKey.of(square, "apply", 3), CacheKey.of(square, "apply", 4),
                "Square.apply(3) and Square.apply(4) must have different keys: the argument is part of the key");
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertNotEquals(CacheKey.of(square, "apply", "Aa"), CacheKey.of(square, "apply", "BB"),
                "\"Aa\" and \"BB\" have an equal hashCode() (2112) but are different arguments: a key built from"
                        + " hashCode() hands one's cached result to the other. Use the argument's serialised bytes.");
        assertNotEquals(CacheKey.of(square, "apply", List.of("a, b")), CacheKey.of(square, "apply", List.of("a", "b")),
                "List.of(\"a, b\") and List.of(\"a\", \"b\") print alike ([a, b]) but are different arguments: a key"
                        + " built from toString() mixes them up. Use the argument's serialised bytes.");
    }

    @Test
    @DisplayName("another function gives another key")
    void anotherFunctionAnotherKey() throws Exception {
        Class<?> square = square();
        assertNotEquals(CacheKey.of(square, "apply", 3), CacheKey.of(square, "applyTwice", 3),
                "Square.apply(3) and Square.applyTwice(3): another method of the same class is another function,"
                        + " and must have another key (the method's name is part of the function's identity)");
        assertNotEquals(CacheKey.of(square, "apply", 3), CacheKey.of(load(CUBE, classFile(CUBE, 0)), "apply", 3),
                "Square.apply(3) and Cube.apply(3): another class is another function, and must have another key");
    }

    @Test
    @DisplayName("a new version of the class gives another key")
    void newCodeNewKey() throws Exception {
        Class<?> before = load(SQUARE, classFile(SQUARE, 0));
        Class<?> after = load(SQUARE, classFile(SQUARE, 1));
        assertNotEquals(CacheKey.of(before, "apply", 3), CacheKey.of(after, "apply", 3),
                "Square was recompiled with other code (x * x + 1 instead of x * x): a new version of the class must"
                        + " give new keys, or its callers are handed results the old code computed. Put a fingerprint"
                        + " of the code, the class file's bytes, into the key.");
    }

    @Test
    @DisplayName("the same class loaded again gives the same key")
    void sameCodeLoadedAgainSameKey() throws Exception {
        Class<?> thisRun = square();
        Class<?> laterRun = square();
        assertNotEquals(thisRun, laterRun, "the test meant two Class objects for the one class file");
        assertEquals(CacheKey.of(thisRun, "apply", 3), CacheKey.of(laterRun, "apply", 3),
                "the same class file loaded again, as a later run or another JVM would, must give the same key, or"
                        + " the cache on disk is never found again: fingerprint the class file's bytes, not the"
                        + " Class object (its hashCode() or identity differ from one run to the next)");
    }

    @Test
    @DisplayName("an argument that cannot be serialised is an error naming its class")
    void unserialisableArgument() throws Exception {
        Class<?> square = square();
        Object lock = new Object();
        String key;
        try {
            key = CacheKey.of(square, "apply", lock);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains("java.lang.Object"), "the message must name the"
                    + " argument's class (java.lang.Object), but was: " + e.getMessage());
            return;
        }
        fail("Square.apply(new Object()) gave the key " + key + ": an argument that cannot be serialised has no"
                + " value to key on. Throw an IllegalArgumentException naming its class.");
    }
}
