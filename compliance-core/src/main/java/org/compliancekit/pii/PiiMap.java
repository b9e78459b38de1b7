package org.compliancekit.pii;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The machine-readable answer to "where does personal data live, and what happens to it on erasure": every table
 * holding PII with its subject link and field strategies, plus the processor register. Immutable; built with
 * {@link #builder()} or read from YAML/JSON by {@code org.compliancekit.policy.PolicyFiles}.
 */
public record PiiMap(List<TableMapping> tables, List<Processor> processors) {

    public PiiMap {
        tables = List.copyOf(tables);
        processors = List.copyOf(processors);
        // Duplicates are reported by org.compliancekit.policy.Validation together with every other problem.
    }

    public static PiiMap empty() {
        return new PiiMap(List.of(), List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mapping of {@code table}, compared case-insensitively. */
    public Optional<TableMapping> table(String table) {
        return tables.stream().filter(t -> t.table().equalsIgnoreCase(table)).findFirst();
    }

    /**
     * Every column name the map marks as PII (lower case), with the table-qualified form too. The audit redactor
     * masks detail keys with these names.
     */
    public Set<String> piiColumnNames() {
        Set<String> out = new LinkedHashSet<>();
        for (TableMapping t : tables) {
            for (PiiField f : t.erasedFields()) {
                out.add(f.column().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(out);
    }

    /** Builds a {@link PiiMap}: the Java DSL. */
    public static final class Builder {
        private final List<TableMapping> tables = new ArrayList<>();
        private final List<Processor> processors = new ArrayList<>();

        private Builder() {
        }

        /** Maps {@code table}, configured by {@code spec}. */
        public Builder table(String table, UnaryOperator<TableMapping.Builder> spec) {
            return table(spec.apply(TableMapping.builder(table)).build());
        }

        public Builder table(TableMapping mapping) {
            tables.add(mapping);
            return this;
        }

        public Builder processor(Processor processor) {
            processors.add(processor);
            return this;
        }

        public Builder processor(String name, String purpose, List<String> dataShared, DpaStatus dpa, String location) {
            return processor(new Processor(name, purpose, dataShared, dpa, location));
        }

        public PiiMap build() {
            return new PiiMap(tables, processors);
        }
    }
}
