package org.compliancekit.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of the command line sees of the outside world: its output streams, environment variables, clock and
 * whether a person watches a terminal. Passed in rather than read from {@link System} so that a whole run can be
 * driven in-process.
 *
 * @param out where results go (one JSON document with {@code --json})
 * @param err where reasons, warnings and progress go
 * @param variables environment variables; secrets are read from here, never from the command line
 * @param clock the clock every engine uses
 * @param terminal whether progress lines may be drawn on {@code err}
 */
record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> variables, Clock clock, boolean terminal) {
    static final String DB_PASSWORD = "COMPLIANCE_DB_PASSWORD";
    static final String HASH_SECRET = "COMPLIANCE_HASH_SECRET";

    CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        variables = Map.copyOf(variables);
        Objects.requireNonNull(clock, "clock");
    }

    /** The process's own streams and environment. */
    static CliEnvironment system() {
        return new CliEnvironment(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                Clock.systemUTC(), System.console() != null);
    }

    /** The variable's value when it is set and not blank. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
