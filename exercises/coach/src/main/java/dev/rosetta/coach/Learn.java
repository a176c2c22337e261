package dev.rosetta.coach;

import dev.rosetta.common.Words;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./rosetta learn}: the workbook's command line.
 *
 * <pre>
 * learn                      in a terminal: the coach (watch, keys); otherwise your progress
 * learn list                 every exercise in order, with its state
 * learn check ID [--full]    run ID's tests against your code; exit 0 on a pass
 * learn hint ID [N]          the next hint (or hint N) of ID
 * learn reset ID [--yes]     put ID's files back as committed, and forget its progress
 * learn verify [--json FILE] [--jobs N] [ID...]   prove the workbook sound (solutions, stubs, mistakes)
 * learn mutate [--json FILE] [--min P] [--threads N] [--jobs N] [ID...]   mutation-test the reference solutions
 * </pre>
 *
 * <p>{@code --lang ko} anywhere (or {@code LANG=ko_KR.UTF-8}) makes the coach speak Korean: its own
 * words, and each exercise's title and hints where {@code hints/ID/ko/} has them.
 */
public final class Learn {
    private final Workbook workbook;
    private final PrintStream out;
    private final java.io.InputStream in;
    private final boolean terminal;
    /** The language when no {@code --lang} is given: from {@code LANG} in {@link #main}, else English. */
    private final String defaultLanguage;
    private String language = "en";
    private Words words = Workbook.words("en");

    Learn(Workbook workbook, PrintStream out) {
        this(workbook, out, java.io.InputStream.nullInputStream(), false);
    }

    Learn(Workbook workbook, PrintStream out, java.io.InputStream in, boolean terminal) {
        this(workbook, out, in, terminal, "en");
    }

    /**
     * @param in       what the learner types (answers to questions; keys in the coach)
     * @param terminal whether {@code in} and {@code out} are a terminal a person sits at
     */
    Learn(Workbook workbook, PrintStream out, java.io.InputStream in, boolean terminal, String defaultLanguage) {
        this.workbook = workbook;
        this.out = out;
        this.in = in;
        this.terminal = terminal;
        this.defaultLanguage = defaultLanguage;
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = new Learn(Workbook.locate(), System.out, System.in, TerminalMode.interactive(),
                    Words.fromLang(System.getenv("LANG"))).run(List.of(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.out.println("learn: " + e.getMessage());
            code = 2;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Runs one subcommand; returns the exit code. */
    int run(List<String> args) throws IOException, InterruptedException {
        LearnLine.Parsed line;
        try {
            line = LearnLine.parse(args);
        } catch (picocli.CommandLine.ParameterException e) {
            words = Workbook.words(Words.LANGUAGES.contains(defaultLanguage) ? defaultLanguage : "en");
            boolean command = e instanceof picocli.CommandLine.UnmatchedArgumentException && !args.isEmpty()
                    && !args.getFirst().startsWith("-") && e.getCommandLine().getParent() == null;
            var where = e.getCommandLine();
            String who = where.getParent() == null ? "learn" : "learn " + where.getCommandName();
            out.println(command ? words.get("unknown", args.getFirst()) : who + ": " + e.getMessage());
            return usage(2);
        }
        language = line.lang() != null ? line.lang() : defaultLanguage;
        try {
            words = Workbook.words(language);
        } catch (IllegalArgumentException e) {
            out.println("learn: " + e.getMessage());
            return 2;
        }
        if (line.help()) {
            return usage(0);
        }
        return switch (line.options()) {
            case LearnLine.Verify v -> new Verify(workbook, out, v.jobs).run(v.ids, v.json);
            case LearnLine.Mutate m -> new Mutate(workbook, out).run(m.ids, m.json, m.minimum, m.threads, m.jobs);
            case LearnLine.ListAll l -> list();
            case LearnLine.Check c -> check(c.id, c.full);
            case LearnLine.Hint h -> hint(h.id, h.number);
            case LearnLine.Reset r -> reset(r.id, r.yes);
            default -> terminal ? coach() : status();
        };
    }

    private int usage(int code) {
        out.println(words.get("usage"));
        return code;
    }

    private int coach() throws IOException, InterruptedException {
        try (var raw = TerminalMode.raw()) {
            return new Coach(workbook, raw.keys(), out, language).run();
        }
    }

    private int reset(String id, boolean yes) throws IOException, InterruptedException {
        if (id == null) {
            out.println(words.get("reset.which"));
            return 2;
        }
        Exercise exercise = workbook.manifest().get(id);
        List<String> files = exercise.edit().stream().map(e -> workbook.show(workbook.stubFile(e))).toList();
        if (!yes) {
            out.print(words.get("reset.ask", exercise.id(), String.join(", ", files)));
            out.flush();
            String answer = new java.io.BufferedReader(new java.io.InputStreamReader(in)).readLine();
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                out.println();
                out.println(words.get("reset.not"));
                return 1;
            }
        }
        var command = new ArrayList<>(List.of("git", "checkout", "HEAD", "--"));
        command.addAll(files);
        Process git = new ProcessBuilder(command).directory(workbook.root().toFile()).redirectErrorStream(true).start();
        String said = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (git.waitFor() != 0) {
            out.println(words.get("reset.gitFailed", String.join(", ", files), said.strip()));
            return 1;
        }
        Progress.load(workbook.root()).reset(exercise.id());
        out.println(words.get("reset.done", exercise.id(), String.join(", ", files)));
        return 0;
    }

    private int status() throws IOException {
        Manifest manifest = workbook.manifest();
        Progress progress = Progress.load(workbook.root());
        long done = manifest.exercises().stream().filter(e -> progress.passed(e.id())).count();
        out.println(bar(done, manifest.exercises().size(), words));
        var next = manifest.exercises().stream().filter(e -> !progress.passed(e.id())).findFirst();
        if (next.isEmpty()) {
            out.println(words.get("status.allPass"));
            return 0;
        }
        Exercise e = next.get();
        out.println(words.get("status.next", e.id(), workbook.title(e, language)));
        out.println(words.get("status.edit", workbook.show(workbook.stubFile(e.edit().getFirst()))));
        out.println(words.get("status.read", e.chapter()));
        out.println(words.get("status.commands", e.id(), e.id()));
        return 0;
    }

    static String bar(long done, int total, Words words) {
        int width = 30;
        int filled = total == 0 ? 0 : (int) (width * done / total);
        return words.get("progress", "#".repeat(filled) + "-".repeat(width - filled), done, total);
    }

    private int list() throws IOException {
        Manifest manifest = workbook.manifest();
        Progress progress = Progress.load(workbook.root());
        for (Exercise e : manifest.exercises()) {
            out.printf("  %-8s %-34s %s%n", words.get(progress.passed(e.id()) ? "state.passed" : "state.todo"), e.id(),
                    workbook.title(e, language));
        }
        return 0;
    }

    private int hint(String id, Integer asked) throws IOException {
        if (id == null) {
            out.println(words.get("hint.which"));
            return 2;
        }
        Exercise exercise = workbook.manifest().get(id);
        Progress progress = Progress.load(workbook.root());
        int total = exercise.hints().size();
        int number = asked != null ? asked : Math.min(progress.hintsShown(exercise.id()) + 1, total);
        if (number < 1 || number > total) {
            out.println(words.get("hint.range", exercise.id(), total, number));
            return 2;
        }
        out.println(words.get("hint.header", number, total, exercise.id()));
        out.println();
        out.println(Files.readString(workbook.hint(exercise.hints().get(number - 1), language)).strip());
        out.println();
        out.println(number < total ? words.get("hint.more", total - number) : words.get("hint.last"));
        progress.showedHint(exercise.id(), number);
        return 0;
    }

    private int check(String id, boolean full) throws IOException, InterruptedException {
        if (id == null) {
            out.println(words.get("check.which"));
            return 2;
        }
        Exercise exercise = workbook.manifest().get(id);
        Check.Result result;
        try (var jvm = new TestJvm(workbook.build("runner"), SourceCompiler.ownClassPath())) {
            result = new Check(workbook, jvm).run(exercise);
        }
        out.print(result.report(full, words));
        Progress.load(workbook.root()).markPassed(exercise.id(), result.passed());
        return result.passed() ? 0 : 1;
    }
}
