package dev.rosetta.exercises.threading;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a class's compiled code (the JDK's class-file API) to check safe publication, which no
 * test can force: on x86 the hardware keeps plain writes in order, so a read without a lock of a
 * field that is not {@code volatile} sees the writes made under the lock on nearly every run, and
 * is still wrong (the JIT may keep the old value in a register; an ARM machine may reorder the
 * writes). So the tests look at the code instead of racing it.
 *
 * <p>Thread-safety: stateless.
 */
final class Bytecode {
    /** Calls that take a lock ({@code java.util.concurrent.locks.Lock} and friends). */
    private static final Set<String> LOCKING = Set.of("lock", "lockInterruptibly", "tryLock");

    private Bytecode() {
    }

    /**
     * The fields of {@code type} that its method {@code method()} (no parameters) reads before it
     * takes any lock, and that are neither {@code final} nor {@code volatile}: reads that may see
     * a stale or half-built value. Empty for a {@code synchronized} method. A field read right
     * before the lock is taken (only stored or copied in between) is the lock itself: not counted.
     */
    static List<String> unsafeReadsBeforeALock(Class<?> type, String method) throws IOException {
        ClassModel model = parse(type);
        Set<String> plain = model.fields().stream()
                .filter(f -> !f.flags().has(AccessFlag.FINAL) && !f.flags().has(AccessFlag.VOLATILE))
                .map(f -> f.fieldName().stringValue())
                .collect(Collectors.toSet());
        MethodModel code = model.methods().stream()
                .filter(m -> m.methodName().equalsString(method) && m.methodType().stringValue().startsWith("()"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.getSimpleName() + " has no method " + method + "()"));
        var reads = new ArrayList<String>();
        if (code.flags().has(AccessFlag.SYNCHRONIZED) || code.code().isEmpty()) {
            return reads;
        }
        String receiver = null;     // the last field read, if it may be the lock about to be taken
        for (CodeElement element : code.code().get()) {
            if (!(element instanceof Instruction instruction)) {
                continue;           // labels, line numbers
            }
            if (instruction instanceof MonitorInstruction monitor && monitor.opcode() == Opcode.MONITORENTER
                    || instruction instanceof InvokeInstruction call && LOCKING.contains(call.name().stringValue())) {
                return reads;       // a lock field read just before is the lock itself, not guarded data
            }
            boolean shuffle = instruction instanceof LoadInstruction || instruction instanceof StoreInstruction
                    || instruction.opcode() == Opcode.DUP;
            if (shuffle) {
                continue;
            }
            if (receiver != null) {
                reads.add(receiver);
                receiver = null;
            }
            if (instruction instanceof FieldInstruction field
                    && (field.opcode() == Opcode.GETFIELD || field.opcode() == Opcode.GETSTATIC)
                    && field.owner().asInternalName().equals(model.thisClass().asInternalName())
                    && plain.contains(field.name().stringValue())) {
                receiver = field.name().stringValue();
            }
        }
        if (receiver != null) {
            reads.add(receiver);
        }
        return reads;
    }

    /**
     * The class file {@code type} was loaded from. Asking its class loader for the resource would
     * not do: a loader asks its parent first, and the learner's stub may sit there under the same
     * name; the class's own code source is where this very class came from.
     */
    private static ClassModel parse(Class<?> type) throws IOException {
        String file = type.getName().replace('.', '/') + ".class";
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path root = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(root)) {
                    return ClassFile.of().parse(Files.readAllBytes(root.resolve(file)));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a directory on this file system: ask the class loader below
            }
        }
        try (InputStream in = type.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new AssertionError("cannot read the compiled " + type.getName());
            }
            return ClassFile.of().parse(in.readAllBytes());
        }
    }
}
