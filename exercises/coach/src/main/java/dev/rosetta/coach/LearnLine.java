package dev.rosetta.coach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The command line of {@code ./rosetta learn}, parsed by picocli: which subcommand, with which
 * options. {@code --lang} and {@code --help} are taken anywhere ({@code learn verify --lang ko}).
 * A wrong option or value fails with picocli's message, which names it; {@link Learn} prints it
 * with the usage text (its words bundle's {@code usage}, in the learner's language).
 *
 * <p>Thread-safety: each {@link #parse} builds its own objects.
 */
final class LearnLine {
    private LearnLine() {
    }

    /** What was asked for: a subcommand ({@code null}: the coach, or the progress) and its options. */
    record Parsed(String command, String lang, boolean help, Object options) {
    }

    /** {@code learn}'s own options, inherited by every subcommand. */
    @Command(name = "learn", subcommands = {Verify.class, Mutate.class, ListAll.class, Check.class, Hint.class,
            Reset.class, Help.class})
    static final class Root {
        @Option(names = "--lang", paramLabel = "en|ko", scope = ScopeType.INHERIT)
        String lang;
        @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT)
        boolean help;
    }

    /** {@code learn verify [--json FILE] [--jobs N] [ID...]}. */
    @Command(name = "verify")
    static final class Verify {
        @Option(names = "--json", paramLabel = "FILE")
        Path json;
        @Option(names = "--jobs", paramLabel = "N")
        int jobs = TestJvms.DEFAULT_JOBS;
        @Parameters(paramLabel = "ID")
        List<String> ids = new ArrayList<>();
    }

    /** {@code learn mutate [--json FILE] [--min P] [--threads N] [--jobs N] [ID...]}. */
    @Command(name = "mutate")
    static final class Mutate {
        @Option(names = "--json", paramLabel = "FILE")
        Path json;
        @Option(names = "--min", paramLabel = "P")
        int minimum = dev.rosetta.coach.Mutate.MINIMUM_SCORE;
        @Option(names = "--threads", paramLabel = "N")
        int threads = 1;
        @Option(names = "--jobs", paramLabel = "N")
        int jobs = 1;
        @Parameters(paramLabel = "ID")
        List<String> ids = new ArrayList<>();
    }

    /** {@code learn list}. */
    @Command(name = "list")
    static final class ListAll {
    }

    /** {@code learn check ID [--full]}; no ID is the coach's own question, not picocli's. */
    @Command(name = "check")
    static final class Check {
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;
        @Option(names = "--full")
        boolean full;
    }

    /** {@code learn hint ID [N]}. */
    @Command(name = "hint")
    static final class Hint {
        @Parameters(index = "0", paramLabel = "ID", arity = "0..1")
        String id;
        @Parameters(index = "1", paramLabel = "N", arity = "0..1")
        Integer number;
    }

    /** {@code learn reset ID [--yes]}. */
    @Command(name = "reset")
    static final class Reset {
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;
        @Option(names = "--yes")
        boolean yes;
    }

    /** {@code learn help}: the usage text. */
    @Command(name = "help")
    static final class Help {
    }

    /**
     * Parses {@code args}.
     *
     * @throws CommandLine.ParameterException naming the option or argument that is wrong
     */
    static Parsed parse(List<String> args) {
        var root = new Root();
        var line = new CommandLine(root);
        CommandLine.ParseResult result = line.parseArgs(args.toArray(String[]::new));
        CommandLine.ParseResult sub = result.subcommand();
        boolean help = result.isUsageHelpRequested() || sub != null && sub.isUsageHelpRequested();
        if (sub == null) {
            return new Parsed(null, root.lang, help, root);
        }
        String name = sub.commandSpec().name();
        return new Parsed(name, root.lang, help || name.equals("help"), sub.commandSpec().userObject());
    }
}
