package dev.rosetta.coach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that code keeps an exercise's "solve it without ..." rule, judged on what the compiled
 * code really uses, never on words in the source: a variable, a comment or a string that happens
 * to be called {@code retries} is fine; a call to {@code Pool.Options.retries(3)} is not.
 *
 * <p>It reads the class files compiled from the files the learner edits (their nested, local and
 * anonymous classes too) with the JDK's class-file API, and collects every class, method and
 * field the code refers to — each instruction that calls, reads, creates or casts, each method
 * reference behind a lambda, and the types in fields' and methods' signatures — with the source
 * line it stands on. A rule in the manifest names what it forbids, fully qualified:
 * <ul>
 *   <li>a package, {@code java.util.concurrent.atomic}: any class in it or below it;</li>
 *   <li>a class, {@code java.util.concurrent.BlockingQueue}: that class and any class that
 *       extends or implements it ({@code ArrayBlockingQueue} too);</li>
 *   <li>a member, {@code dev.rosetta.multiprocessing.Pool$Options#retries}: a method or field of
 *       that name on that class (any parameters).</li>
 * </ul>
 * Each use is reported with its file and line, in the coach's voice: "this exercise asks you not
 * to use java.util.concurrent.atomic (...); Counter.java line 14 uses java.util.concurrent.atomic.AtomicInteger".
 *
 * <p>Thread-safety: stateless.
 */
public final class ForbiddenApis {
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([^;<]+)[;<]");

    private ForbiddenApis() {
    }

    /**
     * One thing compiled code refers to.
     *
     * @param owner  the class, by binary name ({@code java.util.concurrent.atomic.AtomicInteger})
     * @param member the method or field name, or null when the class itself is used
     * @param line   the source line, or 0 when unknown
     */
    record Use(String owner, String member, int line) {
        String show() {
            return member == null ? owner : owner + "." + member;
        }
    }

    /**
     * Every use of a forbidden API in the classes compiled from {@code edit}'s files.
     *
     * @param classes the directory the edited files were compiled into
     * @return one sentence per use, empty when the rules are kept
     */
    public static List<String> violations(Exercise exercise, Path classes) {
        var found = new LinkedHashSet<String>();
        for (String edited : exercise.editedClasses()) {
            for (Path file : classFiles(classes, edited)) {
                ClassModel model = parse(file);
                String source = model.findAttribute(java.lang.classfile.Attributes.sourceFile())
                        .map(a -> a.sourceFile().stringValue()).orElse(file.getFileName().toString());
                for (Use use : uses(model)) {
                    for (Exercise.Forbidden rule : exercise.forbidden()) {
                        for (String api : rule.matches()) {
                            if (matches(api, use)) {
                                // a class or package rule names the class, however it was used
                                String what = api.contains("#") ? use.show() : use.owner();
                                found.add("this exercise asks you not to use " + rule.api() + " (" + rule.because() + "); "
                                        + source + (use.line() > 0 ? " line " + use.line() : "") + " uses " + what);
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** Whether {@code use} is what the rule entry {@code api} forbids (see the class comment). */
    static boolean matches(String api, Use use) {
        int hash = api.indexOf('#');
        if (hash >= 0) {
            return use.member() != null && use.member().equals(api.substring(hash + 1))
                    && isOrExtends(use.owner(), api.substring(0, hash));
        }
        String last = api.substring(api.lastIndexOf('.') + 1);
        if (!last.isEmpty() && Character.isUpperCase(last.charAt(0))) {
            return isOrExtends(use.owner(), api);
        }
        return use.owner().startsWith(api + ".");
    }

    /** Whether class {@code name} is {@code type} or a subtype of it (nested classes of it too). */
    private static boolean isOrExtends(String name, String type) {
        if (name.equals(type) || name.startsWith(type + "$")) {
            return true;
        }
        try {
            ClassLoader loader = ForbiddenApis.class.getClassLoader();
            return Class.forName(type, false, loader).isAssignableFrom(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // the learner's own classes, or a type that is not on the class path: no match
        }
    }

    /** Everything {@code model}'s code and signatures refer to, with source lines where known. */
    static List<Use> uses(ClassModel model) {
        var uses = new ArrayList<Use>();
        model.superclass().ifPresent(s -> uses.add(new Use(binary(s), null, 0)));
        model.interfaces().forEach(i -> uses.add(new Use(binary(i), null, 0)));
        model.fields().forEach(f -> typesIn(f.fieldType().stringValue(), 0, uses));
        for (MethodModel method : model.methods()) {
            Optional<CodeModel> code = method.code();
            int firstLine = code.flatMap(ForbiddenApis::firstLine).orElse(0);
            typesIn(method.methodType().stringValue(), firstLine, uses);
            code.ifPresent(c -> instructions(c, uses));
        }
        return uses;
    }

    private static void instructions(CodeModel code, List<Use> uses) {
        int line = 0;
        for (var element : code) {
            switch (element) {
                case LineNumber n -> line = n.line();
                case InvokeInstruction i -> member(i.method(), line, uses);
                case FieldInstruction f -> member(f.field(), line, uses);
                case NewObjectInstruction n -> uses.add(new Use(binary(n.className()), null, line));
                case NewReferenceArrayInstruction n -> uses.add(new Use(binary(n.componentType()), null, line));
                case TypeCheckInstruction t -> uses.add(new Use(binary(t.type()), null, line));
                case ConstantInstruction.LoadConstantInstruction c when c.constantEntry() instanceof ClassEntry e ->
                        uses.add(new Use(binary(e), null, line));
                case InvokeDynamicInstruction d -> {
                    typesIn(d.typeSymbol().descriptorString(), line, uses);
                    for (var arg : d.bootstrapArgs()) {
                        if (arg instanceof DirectMethodHandleDesc h) {
                            uses.add(new Use(binary(h.owner()), h.methodName(), line));
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void member(MemberRefEntry ref, int line, List<Use> uses) {
        uses.add(new Use(binary(ref.owner()), ref.name().stringValue(), line));
        typesIn(ref.type().stringValue(), line, uses);
    }

    private static Optional<Integer> firstLine(CodeModel code) {
        return code.elementStream().filter(e -> e instanceof LineNumber).map(e -> ((LineNumber) e).line()).findFirst();
    }

    private static void typesIn(String descriptor, int line, List<Use> uses) {
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(descriptor);
        while (m.find()) {
            uses.add(new Use(m.group(1).replace('/', '.'), null, line));
        }
    }

    private static String binary(ClassEntry entry) {
        String internal = entry.asInternalName();
        // an array type's entry is its descriptor: keep the element type
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(internal);
        return (internal.startsWith("[") && m.find() ? m.group(1) : internal).replace('/', '.');
    }

    private static String binary(ClassDesc desc) {
        ClassDesc d = desc;
        while (d.isArray()) {
            d = d.componentType();
        }
        String s = d.descriptorString();
        return s.startsWith("L") ? s.substring(1, s.length() - 1).replace('/', '.') : s;
    }

    /** {@code edited}'s class file and those of its nested, local and anonymous classes. */
    private static List<Path> classFiles(Path classes, String edited) {
        Path dir = classes.resolve(edited.replace('.', '/')).getParent();
        String simple = edited.substring(edited.lastIndexOf('.') + 1);
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals(simple + ".class") || (n.startsWith(simple + "$") && n.endsWith(".class"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassModel parse(Path file) {
        try {
            return ClassFile.of().parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
