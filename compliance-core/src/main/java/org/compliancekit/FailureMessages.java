package org.compliancekit;

/**
 * What of a failure may be written to an audit record, a result or a log line. Compliance Kit's own exceptions
 * promise messages free of personal data, and so do the JDK's file and stream errors (a path and the system's
 * reason, such as "No space left on device"), also when wrapped; any other message (a driver's, say) may quote row
 * values, so of those only the type is kept.
 */
public final class FailureMessages {
    private FailureMessages() {
    }

    /** The first safe message along {@code e}'s causes, or {@code e}'s type when there is none. */
    public static String safe(Throwable e) {
        if (e instanceof ComplianceException) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ComplianceException || isJdkIo(t)) {
                String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                return t instanceof ComplianceException || t.getClass() == java.io.IOException.class ? message
                        : t.getClass().getSimpleName() + ": " + message;
            }
        }
        return e.getClass().getName() + " (details withheld: the message may contain row data)";
    }

    /** An I/O failure raised by the JDK itself, whose message names a file and a system reason, never data. */
    private static boolean isJdkIo(Throwable t) {
        String type = t.getClass().getName();
        return t instanceof java.io.IOException && (type.startsWith("java.io.") || type.startsWith("java.nio."));
    }
}
