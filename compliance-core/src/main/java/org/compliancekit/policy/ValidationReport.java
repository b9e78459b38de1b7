package org.compliancekit.policy;

import java.util.List;
import java.util.stream.Collectors;
import org.compliancekit.ConfigurationException;

/** Every problem {@link Validation} found, errors and warnings, in the order of the policy. */
public record ValidationReport(List<Problem> problems) {
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
    }

    /** Whether there are no errors (warnings allowed). */
    public boolean isValid() {
        return errors().isEmpty();
    }

    /** Throws a {@link ConfigurationException} listing every error, one per line, when there is any. */
    public ValidationReport throwIfInvalid() {
        if (!isValid()) {
            throw new ConfigurationException("the compliance policy has " + errors().size() + " error(s):\n"
                    + errors().stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        }
        return this;
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "no problems" : problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
