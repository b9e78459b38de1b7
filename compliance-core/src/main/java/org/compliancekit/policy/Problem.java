package org.compliancekit.policy;

import java.util.Objects;

/**
 * One finding of {@link Validation}.
 *
 * @param severity whether it stops the policy from being used
 * @param location what is at fault: {@code table}, {@code table.column}, {@code rule <name>} or a setting name
 * @param message what is wrong
 * @param fix what to do about it
 */
public record Problem(Severity severity, String location, String message, String fix) {
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    /** How serious a finding is. */
    public enum Severity {
        /** The policy cannot be applied as written. */
        ERROR,
        /** The policy works but probably not as intended. */
        WARNING
    }

    @Override
    public String toString() {
        return severity + " " + location + ": " + message + (fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
}
