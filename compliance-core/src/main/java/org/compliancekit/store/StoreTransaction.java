package org.compliancekit.store;

import java.util.List;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.TableMapping;

/**
 * Writes that commit together or not at all; obtained from {@link DataStore#inTransaction}.
 */
public interface StoreTransaction extends StoreReader {

    /**
     * Applies the erased fields' strategies of {@code mapping} to the rows with {@code keys}. Rows whose fields
     * are all already erased are left alone, so repeating an anonymization changes nothing.
     *
     * @return the number of rows changed
     */
    int anonymize(TableMapping mapping, List<RowKey> keys, ErasureContext context);

    /**
     * Deletes the rows of {@code table} with {@code keys}.
     *
     * @return the number of rows deleted
     * @throws org.compliancekit.StorageException naming the blocking constraint and referencing table when a
     *     foreign key prevents the delete
     */
    int delete(String table, List<RowKey> keys);
}
