package org.compliancekit.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.compliancekit.ComplianceException;
import picocli.CommandLine;

/**
 * What of a failure the command line may print. Compliance Kit's own exceptions, the JDK's file errors (a path and
 * the system's reason) and the parser's are safe; a driver's or library's message may quote row values
 * ("Failing row contains (...)"), so of those only the type and, for SQL, the SQLState are shown, in the one-line
 * reason and in {@code --verbose} stack traces alike.
 */
final class SafeMessages {
    private SafeMessages() {
    }

    /** The first safe message of the chain, or the types when none is safe. */
    static String describe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (isSafe(t) && t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return message(ex);
    }

    /** A stack trace like {@link Throwable#printStackTrace()}, each message shown as {@link #message} allows. */
    static void printTrace(Throwable ex, PrintWriter err) {
        print(ex, "", "", err, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void print(Throwable t, String caption, String indent, PrintWriter err, Set<Throwable> seen) {
        if (!seen.add(t)) {
            err.println(indent + caption + "[circular reference: " + t.getClass().getName() + "]");
            return;
        }
        err.println(indent + caption + t.getClass().getName() + ": " + message(t));
        for (StackTraceElement e : t.getStackTrace()) {
            err.println(indent + "\tat " + e);
        }
        for (Throwable s : t.getSuppressed()) {
            print(s, "Suppressed: ", indent + "\t", err, seen);
        }
        if (t.getCause() != null) {
            print(t.getCause(), "Caused by: ", indent, err, seen);
        }
    }

    /** The message when it is safe to show, otherwise what kind of failure it was. */
    static String message(Throwable t) {
        if (isSafe(t)) {
            return String.valueOf(t.getMessage());
        }
        String state = t instanceof SQLException sql ? "SQLState " + sql.getSQLState() + ", vendor code "
                + sql.getErrorCode() + "; " : "";
        return t.getClass().getName() + " (" + state + "details withheld: the message may contain row data)";
    }

    private static boolean isSafe(Throwable t) {
        String type = t.getClass().getName();
        return t instanceof ComplianceException || t instanceof CommandLine.PicocliException
                || t instanceof java.io.IOException && (type.startsWith("java.io.") || type.startsWith("java.nio."))
                || t instanceof java.io.UncheckedIOException
                || thrownByUs(t) && (t instanceof IllegalArgumentException || t instanceof IllegalStateException);
    }

    /** Whether our own code threw it, whose messages name settings and keys, never row values. */
    private static boolean thrownByUs(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.compliancekit.");
    }
}
