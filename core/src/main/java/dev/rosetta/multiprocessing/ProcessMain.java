package dev.rosetta.multiprocessing;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.List;

/**
 * The main of a {@link Process}'s child JVM: Python's {@code multiprocessing.process._bootstrap}.
 * It reads the process's name, whether it is daemonic, and the pickled target from standard
 * input, runs the target once, and exits with the code Python's child would:
 * <ul>
 *   <li>0 when the target returns;</li>
 *   <li>1 when it raises, after printing {@code Process <name>:} and the stack trace to standard
 *       error, as Python prints {@code Process Process-1:} and the traceback;</li>
 *   <li>{@code n} when the target calls {@code System.exit(n)} (Python's {@code sys.exit(n)}).</li>
 * </ul>
 * Standard input then stays open: when it reaches its end the parent is gone (however it died,
 * even by SIGKILL), and the child exits too, so that it never lives on as an orphan.
 *
 * <p>Arguments: the extra allow-list patterns for reading the target (see {@link Pickle#allowList}).
 */
public final class ProcessMain {
    /** Set in a daemonic child: it may not start processes of its own (Python's rule). */
    static volatile boolean daemonic;

    private ProcessMain() {
    }

    /** Runs one target and exits. */
    public static void main(String[] args) {
        PicklableRunnable target;
        String name;
        InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        try {
            var fromParent = new ObjectInputStream(stdin);
            var allowList = (Pickle.AllowList) Pickle.allowList(List.of(args));
            fromParent.setObjectInputFilter(allowList);
            name = fromParent.readUTF();
            daemonic = fromParent.readBoolean();
            allowList.allow(fromParent.readUTF());
            target = (PicklableRunnable) fromParent.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            System.err.println("process " + ProcessHandle.current().pid() + " could not read its target: " + e);
            System.exit(1);
            return;
        }
        Thread.ofPlatform().daemon(true).name("parent-watch").start(() -> exitWhenParentGoes(stdin));
        try {
            target.run();
        } catch (Throwable failure) {
            System.out.flush();
            System.err.println("Process " + name + ":");
            failure.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
        System.out.flush();
        System.exit(0);
    }

    /** Waits for the end of standard input: the parent closed it by dying. */
    private static void exitWhenParentGoes(InputStream stdin) {
        try {
            while (stdin.read() >= 0) {
                // the parent sends nothing after the target
            }
        } catch (IOException gone) {
            // the same: the pipe is gone
        }
        Runtime.getRuntime().halt(1);
    }
}
