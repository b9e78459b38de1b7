package org.compliancekit.store;

import java.util.List;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;

/** The reads every store offers, inside a {@link ReadView} or a {@link StoreTransaction}. */
public interface StoreReader {

    /** Every row of {@code table} in primary key order, columns as {@link SchemaDescription} lists them. */
    RowCursor scan(String table);

    /**
     * The rows of {@code mapping.table()} that belong to {@code subject}, found through the table's subject link
     * (by id, by email, or along its join path); all columns of the table, in primary key order. A table without
     * a subject link yields no rows.
     */
    RowCursor subjectRows(TableMapping mapping, SubjectRef subject);

    /** One keyset page of rows matching {@code query}, in primary key order. */
    List<MatchedRow> findExpired(ExpiryQuery query);
}
