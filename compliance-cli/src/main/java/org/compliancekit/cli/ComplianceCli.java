package org.compliancekit.cli;

import org.compliancekit.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code compliance} command line: operates backups, restores, retention, data-subject requests, PII discovery
 * and the audit trail of a database from a shell or a cron job, with the same engines an application embeds.
 *
 * <p>Exit codes: 0 success; 1 the operation failed or was partial; 2 a usage or configuration error. Every failure
 * prints on standard error (and with {@code --json} also {@code {"ok": false, "error": ...}} on standard output);
 * {@code --verbose} adds the stack trace. Names and messages are printed with control characters escaped. Secrets come from files and
 * environment variables, never from arguments, and are never printed. See {@code docs/cli.md}.
 */
@Command(name = "compliance", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = ComplianceCli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Backups, retention, data-subject requests and the audit trail of a database.",
        footer = {"", "Exit codes: 0 success, 1 failed or partial, 2 usage or configuration error.",
                "Secrets: COMPLIANCE_DB_PASSWORD, COMPLIANCE_HASH_SECRET (base64), --key-file, --audit-key-file."},
        subcommands = {KeygenCommand.class, BackupCommand.class, VerifyBackupCommand.class, RestoreCommand.class,
                CleanupCommand.class, AuditCommand.class, RetentionCommand.class, SubjectCommand.class,
                PiiCommand.class, InventoryCommand.class, DailyCommand.class})
public final class ComplianceCli implements Runnable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document on standard output.")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    ComplianceCli(CliEnvironment env) {
        this.env = env;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(CliEnvironment.system(), args));
    }

    /** Runs one command line in this process and returns its exit code. */
    static int execute(CliEnvironment given, String... args) {
        // Everything printed in this run, reasons and traces included, passes the control character filter.
        CliEnvironment env = new CliEnvironment(Terminal.filtered(given.out()), Terminal.filtered(given.err()),
                given.variables(), given.clock(), given.terminal());
        ComplianceCli root = new ComplianceCli(env);
        CommandLine cl = new CommandLine(root);
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setParameterExceptionHandler((ex, rest) -> {
            CommandSpec at = ex.getCommandLine().getCommandSpec();
            env.err().println(displayName(at) + ": " + oneLine(ex.getMessage()) + " (see '" + at.qualifiedName()
                    + " --help')");
            trace(root, env, ex);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parse) -> {
            env.err().println(displayName(failed.getCommandSpec()) + ": " + describe(ex));
            if (root.json) {
                CliCommand.printJson(env.out(), failed.getCommandSpec(), false, "error", describe(ex));
            }
            trace(root, env, ex);
            return ex instanceof ConfigurationException ? USAGE : FAILED;
        });
        int code = cl.execute(args);
        env.out().flush();
        env.err().flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    CliEnvironment env() {
        return env;
    }

    private static void trace(ComplianceCli root, CliEnvironment env, Exception ex) {
        if (root.verbose) {
            SafeMessages.printTrace(ex, env.err());
        }
    }

    /** The command as typed after {@code compliance}, e.g. {@code audit verify}; the root is {@code compliance}. */
    static String displayName(CommandSpec command) {
        String name = command.qualifiedName(" ");
        return command.parent() == null ? name : name.substring(name.indexOf(' ') + 1);
    }

    /** The first message of the chain that is safe to show ({@link SafeMessages}), on one line. */
    static String describe(Throwable ex) {
        return oneLine(SafeMessages.describe(ex));
    }

    /** The message on one line, with whatever else could steer the terminal escaped. */
    private static String oneLine(String s) {
        return s == null ? "" : Terminal.safe(s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; "));
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ComplianceCli.class.getPackage().getImplementationVersion();
            return new String[] {"compliance " + (v == null ? "(development build)" : v)};
        }
    }

    /** The root command of {@code spec}'s tree, whose environment every command shares. */
    static ComplianceCli root(CommandSpec spec) {
        return (ComplianceCli) spec.root().userObject();
    }
}
