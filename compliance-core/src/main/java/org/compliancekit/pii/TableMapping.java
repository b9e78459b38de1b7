package org.compliancekit.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table that holds personal data: how its rows reach their data subject, which columns are PII and what each
 * becomes, and what erasure does with the row.
 *
 * @param table the table's name as the database knows it (matched case-insensitively when unambiguous)
 * @param primaryKey primary key column(s); empty means "take it from the schema"
 * @param subjectLink how a row leads to its subject; {@code null} for a table reached only by retention rules
 * @param fields PII columns with their strategy, including fields kept on purpose
 * @param onErasure what erasure and anonymizing retention do with a row
 * @param purpose why the data is processed (shown in exports, art. 15)
 * @param categories data categories held, e.g. "contact details" (shown in exports, art. 15 and 30)
 * @param identities other identities of the subject this table holds beside its id link (e.g. the email address on
 *     the customer table), through which requests are resolved to subject ids
 * @param exportOnlyReason why the table is exported but never changed by erasure (e.g. "payments: bookkeeping law,
 *     10 years"); empty when it is not marked export-only
 */
public record TableMapping(
        String table,
        List<String> primaryKey,
        SubjectLink subjectLink,
        List<PiiField> fields,
        RowAction onErasure,
        String purpose,
        List<String> categories,
        List<IdentityColumn> identities,
        String exportOnlyReason) {

    public TableMapping {
        Names.require(table, "mapped table name");
        primaryKey = List.copyOf(primaryKey);
        fields = List.copyOf(fields);
        Objects.requireNonNull(onErasure, () -> "erasure action of table " + table);
        purpose = purpose == null ? "" : purpose;
        categories = List.copyOf(categories);
        identities = List.copyOf(identities);
        exportOnlyReason = exportOnlyReason == null ? "" : exportOnlyReason.strip();
        // Duplicate columns and an ANONYMIZE table with nothing to erase are reported by
        // org.compliancekit.policy.Validation, with every other problem of the map at once.
    }

    /** A table without other identities and not marked export-only. */
    public TableMapping(String table, List<String> primaryKey, SubjectLink subjectLink, List<PiiField> fields,
            RowAction onErasure, String purpose, List<String> categories) {
        this(table, primaryKey, subjectLink, fields, onErasure, purpose, categories, List.of(), "");
    }

    public static Builder builder(String table) {
        return new Builder(table);
    }

    /** The subject link, if the table has one. */
    public Optional<SubjectLink> link() {
        return Optional.ofNullable(subjectLink);
    }

    /** The fields that anonymization changes (every field whose strategy does not keep the value). */
    public List<PiiField> erasedFields() {
        return fields.stream().filter(f -> !f.strategy().keepsValue()).toList();
    }

    /** The fields kept on purpose, each with its reason. */
    public List<PiiField> keptFields() {
        return fields.stream().filter(f -> f.strategy().keepsValue()).toList();
    }

    /**
     * Whether erasure leaves the table's rows unchanged while export includes them: the table is marked export-only,
     * or it anonymizes and every field it lists is kept.
     */
    public boolean exportOnly() {
        return !exportOnlyReason.isEmpty()
                || (onErasure == RowAction.ANONYMIZE && !fields.isEmpty() && erasedFields().isEmpty());
    }

    /** Why an {@link #exportOnly()} table is kept: the reason it was marked with, or its fields' keep reasons. */
    public String keptBecause() {
        if (!exportOnlyReason.isEmpty()) {
            return exportOnlyReason;
        }
        return "every field is kept: " + String.join("; ", fields.stream()
                .map(f -> f.column() + " (" + (f.strategy() instanceof Strategy.Keep k ? k.reason() : f.strategy().name())
                        + ")").toList());
    }

    /** The field for {@code column}, compared case-insensitively. */
    public Optional<PiiField> field(String column) {
        return fields.stream().filter(f -> f.column().equalsIgnoreCase(column)).findFirst();
    }

    /** Builds a {@link TableMapping}; the DSL form of the map. */
    public static final class Builder {
        private final String table;
        private final List<String> primaryKey = new ArrayList<>();
        private SubjectLink link;
        private final List<PiiField> fields = new ArrayList<>();
        private RowAction onErasure = RowAction.ANONYMIZE;
        private String purpose = "";
        private final List<String> categories = new ArrayList<>();
        private final List<IdentityColumn> identities = new ArrayList<>();
        private String exportOnlyReason = "";

        private Builder(String table) {
            this.table = table;
        }

        public Builder primaryKey(String... columns) {
            primaryKey.clear();
            primaryKey.addAll(List.of(columns));
            return this;
        }

        /** The subject id is in {@code column}. */
        public Builder subjectId(String column) {
            return subject(SubjectLink.id(column));
        }

        /** The subject email is in {@code column}. */
        public Builder subjectEmail(String column) {
            return subject(SubjectLink.email(column));
        }

        public Builder subject(SubjectLink subjectLink) {
            this.link = subjectLink;
            return this;
        }

        public Builder field(String column, Strategy strategy) {
            fields.add(new PiiField(column, strategy));
            return this;
        }

        /** A column deliberately kept, with the reason (e.g. "bookkeeping law: 5 years"). */
        public Builder keep(String column, String reason) {
            return field(column, Strategy.keep(reason));
        }

        /**
         * {@code column} also holds the subject's {@code identity} (e.g. {@code identity("email", "email")} on the
         * customer table linked by id): requests by that identity are resolved to subject ids here.
         */
        public Builder identity(String identity, String column) {
            identities.add(new IdentityColumn(identity, column));
            return this;
        }

        /** The table is exported but never changed by erasure, for {@code reason} (e.g. a bookkeeping law). */
        public Builder exportOnly(String reason) {
            this.exportOnlyReason = Objects.requireNonNull(reason, "export-only reason");
            return this;
        }

        public Builder onErasure(RowAction action) {
            this.onErasure = action;
            return this;
        }

        /** Shorthand for {@code onErasure(RowAction.DELETE)}. */
        public Builder deleteRow() {
            return onErasure(RowAction.DELETE);
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder categories(String... categories) {
            this.categories.addAll(List.of(categories));
            return this;
        }

        public TableMapping build() {
            return new TableMapping(table, primaryKey, link, fields, onErasure, purpose, categories, identities,
                    exportOnlyReason);
        }
    }
}
