package org.compliancekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command shares: the environment and one way to report a result, as text for people or as one JSON
 * document ({@code {"command", "ok", "result"}}) with {@code --json}. The exit code follows {@code ok}.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CliEnvironment env() {
        return ComplianceCli.root(spec).env();
    }

    /** The kit over the given options; the policy is read now so that a bad file fails before any work. */
    CliKit kit(DatabaseOptions db, PolicyOptions policy, AuditKeyOptions auditKey) {
        return new CliKit(env(), db, policy.read(), auditKey.file());
    }

    /** Who the audit trail records as having acted: the operating-system user behind the command line. */
    String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /**
     * Runs the command's work on {@code kit}; a failure before the engine recorded anything is recorded as a
     * {@code failed} record of {@code type} ({@link CliKit#recorded}).
     */
    int recorded(CliKit kit, String type, boolean dryRun, Callable<Integer> work) throws Exception {
        return kit.recorded(type, null, ComplianceCli.displayName(spec), actor(), dryRun, work);
    }

    /**
     * Prints the result and returns the exit code: 0 when {@code ok}, 1 otherwise. A failed or partial result goes
     * to standard error, so that every failure line is there; {@code --json} always prints on standard output.
     * Names in the text are escaped ({@link Terminal#report}).
     *
     * @param result what {@code --json} prints; records and maps of plain values, never a secret
     * @param text what people read otherwise
     */
    int report(boolean ok, Object result, Consumer<PrintWriter> text) {
        if (ComplianceCli.root(spec).json) {
            printJson(env().out(), spec, ok, "result", result);
        } else {
            PrintWriter target = ok ? env().out() : env().err();
            PrintWriter w = Terminal.report(target);
            text.accept(w);
            w.flush();
        }
        return ok ? ComplianceCli.OK : ComplianceCli.FAILED;
    }

    /** Prints {@code {"command", "ok", <field>: value}} as one JSON document. */
    static void printJson(PrintWriter out, CommandSpec command, boolean ok, String field, Object value) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", ComplianceCli.displayName(command));
        doc.put("ok", ok);
        doc.put(field, value);
        try {
            out.println(Json.MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the JSON result", e);
        }
        out.flush();
    }

    /** Jackson, set up only when a command prints JSON: the start-up of every other command does without it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    }
}
