package org.compliancekit.store;

import java.util.Objects;

/**
 * A row selected by a query: its key, and the value that links it to its subject (the subject id or email found
 * along the table's subject link), so legal holds can exempt subjects.
 *
 * @param key the row's primary key
 * @param subject the subject id or email, or {@code null} when the table has no subject link or the link is empty
 */
public record MatchedRow(RowKey key, Object subject) {
    public MatchedRow {
        Objects.requireNonNull(key, "key");
    }
}
