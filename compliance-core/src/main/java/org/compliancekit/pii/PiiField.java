package org.compliancekit.pii;

import java.util.Objects;

/**
 * A column holding personal data and what it becomes on anonymization. A field kept on purpose uses
 * {@link Strategy#keep(String)} with its reason.
 */
public record PiiField(String column, Strategy strategy) {
    public PiiField {
        Names.require(column, "PII field column");
        Objects.requireNonNull(strategy, () -> "strategy of PII field " + column);
    }
}
