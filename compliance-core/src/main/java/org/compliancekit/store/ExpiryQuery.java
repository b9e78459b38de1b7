package org.compliancekit.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.SubjectLink;

/**
 * One page of "rows of {@code table} whose {@code timestampColumn} is at or before {@code cutoff} and that satisfy
 * {@code condition}", in primary key order after {@code after}.
 *
 * @param table the table
 * @param timestampColumn the column the retention period counts from; NULL never matches
 * @param cutoff rows with a timestamp at or before this instant match (LocalDateTime and LocalDate values are
 *     read as UTC)
 * @param condition further filter; {@link Condition#always()} for none
 * @param pendingFields when not empty, a row matches only while at least one of these fields is not yet in its
 *     strategy's {@link org.compliancekit.pii.ErasedForm}: anonymized rows are not selected again
 * @param subjectLink when not {@code null}, each match carries its subject value for legal holds
 * @param after the last key of the previous page; {@code null} for the first page
 * @param limit page size, at least 1
 */
public record ExpiryQuery(
        String table,
        String timestampColumn,
        Instant cutoff,
        Condition condition,
        List<PiiField> pendingFields,
        SubjectLink subjectLink,
        RowKey after,
        int limit) {

    public ExpiryQuery {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(timestampColumn, "timestampColumn");
        Objects.requireNonNull(cutoff, "cutoff");
        condition = condition == null ? Condition.always() : condition;
        pendingFields = List.copyOf(pendingFields);
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be at least 1, was " + limit);
        }
    }

    /** The same query without a subject link: its matches carry no subject value. */
    public ExpiryQuery withoutSubject() {
        return new ExpiryQuery(table, timestampColumn, cutoff, condition, pendingFields, null, after, limit);
    }

    /** The same query for the page after {@code key}. */
    public ExpiryQuery after(RowKey key) {
        return new ExpiryQuery(table, timestampColumn, cutoff, condition, pendingFields, subjectLink, key, limit);
    }
}
