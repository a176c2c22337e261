package dev.rosetta.coach;

import dev.rosetta.common.Words;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./rosetta learn} in a terminal: the watch loop of rustlings, with failure reports that
 * explain concurrency bugs.
 *
 * <p>It shows the progress bar, the current exercise and its latest verdict, then waits for
 * one of two things: a key, or a save of a workbook file. A save recompiles the workbook in
 * this JVM and re-runs the exercise's tests in a warm test JVM ({@link TestJvm}), so the verdict
 * arrives about a second after the save. It never moves on by itself: after a pass it says so,
 * shows where the reference solution is, and waits for {@code n}.
 *
 * <pre>
 * keys:  h  the next hint        l  the list of exercises     n  next (after a pass)
 *        r  re-run the tests     q  quit
 * </pre>
 *
 * <p>Thread-safety: {@link #run()} owns the coach; two helper threads (keys, file watcher) only
 * put events on a queue that the running thread takes from.
 */
public final class Coach {
    /** What the loop reacts to. */
    sealed interface Event {
        /** A key press. */
        record Key(char key) implements Event {
        }

        /** A workbook file was written (several writes in a burst arrive as one). */
        record Saved(Path file, long nanoTime) implements Event {
        }

        /** The keys ran out (stdin closed): like q. */
        record EndOfInput() implements Event {
        }
    }

    private final Workbook workbook;
    private final InputStream keys;
    private final PrintStream out;
    /** A deque: a key read while draining a burst of saves goes back to the front, ahead of later keys. */
    private final BlockingDeque<Event> events = new LinkedBlockingDeque<>();
    private final List<Double> verdictSeconds = new ArrayList<>();
    private Manifest manifest;
    private Progress progress;
    private Exercise current;
    private boolean currentPassed;
    private final String language;
    private final Words words;

    /**
     * @param keys the key presses, one byte each (a terminal in raw mode, or a test's pipe)
     * @param out  where the coach writes
     */
    public Coach(Workbook workbook, InputStream keys, PrintStream out) {
        this(workbook, keys, out, "en");
    }

    /** @param language the language it speaks ({@code en}, {@code ko}): its own words, titles and hints */
    public Coach(Workbook workbook, InputStream keys, PrintStream out, String language) {
        this.workbook = workbook;
        this.keys = keys;
        this.out = out;
        this.language = language;
        this.words = Workbook.words(language);
    }

    /** Seconds from each save to its verdict, in order: the coach's own latency figures. */
    public synchronized List<Double> saveToVerdictSeconds() {
        return List.copyOf(verdictSeconds);
    }

    /** Runs until {@code q} or the end of the keys; the exit code. */
    public int run() throws IOException, InterruptedException {
        manifest = workbook.manifest();
        progress = Progress.load(workbook.root());
        current = manifest.exercises().stream().filter(e -> !progress.passed(e.id())).findFirst()
                .orElse(manifest.exercises().getLast());
        Thread keyReader = Thread.ofPlatform().daemon(true).name("coach-keys").start(this::readKeys);
        try (WatchService watcher = FileSystems.getDefault().newWatchService();
             var jvm = new TestJvm(workbook.build("runner"), SourceCompiler.ownClassPath())) {
            watchTree(watcher, workbook.stubSources());
            Thread watching = Thread.ofPlatform().daemon(true).name("coach-watch").start(() -> watch(watcher));
            try {
                show();
                check(jvm, -1);
                return loop(jvm);
            } finally {
                watcher.close();
                watching.join(TimeUnit.SECONDS.toMillis(5));
            }
        } finally {
            keyReader.interrupt();
        }
    }

    private int loop(TestJvm jvm) throws IOException, InterruptedException {
        while (true) {
            Event event = events.take();
            switch (event) {
                case Event.EndOfInput end -> {
                    return 0;
                }
                case Event.Saved saved -> {
                    drainBurst();
                    out.println();
                    out.println(words.get("coach.saved", saved.file().getFileName()));
                    check(jvm, saved.nanoTime());
                }
                case Event.Key(char key) -> {
                    switch (Character.toLowerCase(key)) {
                        case 'q' -> {
                            out.println(words.get("coach.bye"));
                            return 0;
                        }
                        case 'h' -> hint();
                        case 'l' -> list();
                        case 'r' -> check(jvm, -1);
                        case 'n' -> next(jvm);
                        case '\n', '\r', ' ' -> { }
                        default -> keysLine();
                    }
                }
            }
        }
    }

    private void show() throws IOException {
        long done = manifest.exercises().stream().filter(e -> progress.passed(e.id())).count();
        out.println();
        out.println(words.get("coach.title", Learn.bar(done, manifest.exercises().size(), words)));
        out.println(current.id() + " — " + workbook.title(current, language));
        for (String edit : current.edit()) {
            out.println(words.get("coach.edit", workbook.show(workbook.stubFile(edit))));
        }
        out.println(words.get("coach.read", current.chapter()));
    }

    private void check(TestJvm jvm, long savedAt) throws IOException, InterruptedException {
        Check.Result result = new Check(workbook, jvm).run(current);
        currentPassed = result.passed();
        freshProgress().markPassed(current.id(), currentPassed);
        out.print(result.report(false, words).replace(words.get("check.moveOn") + "\n", ""));
        if (savedAt >= 0) {
            double seconds = (System.nanoTime() - savedAt) / 1e9;
            synchronized (this) {
                verdictSeconds.add(seconds);
            }
            out.println(words.get("coach.verdict", seconds));
        }
        if (currentPassed) {
            out.println(words.get("coach.pressNext"));
        }
        keysLine();
    }

    /**
     * The progress as saved now: {@code ./rosetta learn hint} in another terminal changes it, and
     * the coach's hint count must stay in step with it (and not overwrite it with an older copy).
     */
    private Progress freshProgress() throws IOException {
        progress = Progress.load(workbook.root());
        return progress;
    }

    private void keysLine() throws IOException {
        int left = Math.max(0, current.hints().size() - freshProgress().hintsShown(current.id()));
        out.println(words.get("coach.keys", left, currentPassed ? "" : words.get("coach.afterPass")));
        out.flush();
    }

    private void hint() throws IOException {
        int shown = freshProgress().hintsShown(current.id());
        int total = current.hints().size();
        if (shown >= total) {
            out.println(words.get("coach.noMoreHints", current.id(), total, current.id()));
            return;
        }
        out.println();
        out.println(words.get("coach.hint", shown + 1, total));
        out.println(Files.readString(workbook.hint(current.hints().get(shown), language)).strip());
        progress.showedHint(current.id(), shown + 1);
        keysLine();
    }

    private void list() throws IOException {
        out.println();
        for (Exercise e : manifest.exercises()) {
            out.printf("%s %-8s %-34s %s%n", e == current ? ">" : " ",
                    words.get(progress.passed(e.id()) ? "state.passed" : "state.todo"), e.id(), workbook.title(e, language));
        }
        keysLine();
    }

    private void next(TestJvm jvm) throws IOException, InterruptedException {
        if (!currentPassed) {
            out.println(words.get("coach.notYet", current.id()));
            return;
        }
        int at = manifest.exercises().indexOf(current);
        var later = manifest.exercises().subList(at + 1, manifest.exercises().size()).stream()
                .filter(e -> !progress.passed(e.id())).findFirst();
        if (later.isEmpty()) {
            out.println(words.get("coach.allPass"));
            return;
        }
        current = later.get();
        show();
        check(jvm, -1);
    }

    private void readKeys() {
        try {
            for (int b = keys.read(); b >= 0; b = keys.read()) {
                events.add(new Event.Key((char) b));
            }
        } catch (IOException ignored) {
            // the terminal went away: same as the end of the keys
        }
        events.add(new Event.EndOfInput());
    }

    /** Editors write a file in several steps; fold the writes of the next 100 ms into this one. */
    private void drainBurst() throws InterruptedException {
        while (true) {
            Event more = events.poll(100, TimeUnit.MILLISECONDS);
            if (more == null) {
                return;
            }
            if (!(more instanceof Event.Saved)) {
                events.addFirst(more); // back where it was: the keys after it keep their order
                return;
            }
        }
    }

    private static void watchTree(WatchService watcher, Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    /** Watches a folder made while the coach runs (and its subfolders); a file already written there counts as saved. */
    private void watchNewFolder(WatchService watcher, Path folder, long now) {
        try {
            watchTree(watcher, folder);
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> events.add(new Event.Saved(f, now)));
            }
        } catch (IOException gone) {
            // removed again before we looked: nothing to watch
        }
    }

    private void watch(WatchService watcher) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                long now = System.nanoTime();
                for (var event : key.pollEvents()) {
                    if (!(event.context() instanceof Path name)) {
                        continue;
                    }
                    Path path = ((Path) key.watchable()).resolve(name);
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                        watchNewFolder(watcher, path, now); // a new package: watch it, and what is already in it
                    } else if (name.toString().endsWith(".java")) {
                        events.add(new Event.Saved(path, now));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException done) {
            // the coach is quitting
        }
    }
}
