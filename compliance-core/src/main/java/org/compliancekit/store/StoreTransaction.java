package org.compliancekit.store;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.TableMapping;

/**
 * Writes that commit together or not at all; obtained from {@link DataStore#inTransaction}.
 */
public interface StoreTransaction extends StoreReader {

    /**
     * The {@code holds} of {@link #expire} when no legal hold can apply to the walk: nothing is held, so a store
     * may leave the page's keys and subjects unread and return only its counts and last key.
     */
    Function<List<MatchedRow>, Set<RowKey>> NOTHING_HELD = page -> Set.of();

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

    /**
     * One retention batch: finds the next keyset page of {@code query} ({@link #findExpired}), asks {@code holds}
     * which of its rows a legal hold exempts, and anonymizes ({@link #anonymize}) or deletes ({@link #delete}) the
     * others. A store may do this in fewer statements than those three calls; the rows changed, the counts and the
     * page's last key must be the same.
     *
     * @param action what happens to the rows that are not held
     * @param mapping the table's mapping (its erased fields) for {@link RowAction#ANONYMIZE}; may be {@code null}
     *     for {@link RowAction#DELETE}
     * @param holds gives the keys of the held rows among a page's rows (all of {@code query.table()});
     *     {@link #NOTHING_HELD} when no legal hold applies
     * @return the page's counts and last key; {@link ExpiredPage#NONE} when no row is left
     */
    default ExpiredPage expire(ExpiryQuery query, RowAction action, TableMapping mapping, ErasureContext context,
            Function<List<MatchedRow>, Set<RowKey>> holds) {
        List<MatchedRow> page = findExpired(query);
        if (page.isEmpty()) {
            return ExpiredPage.NONE;
        }
        Set<RowKey> held = holds.apply(page);
        List<RowKey> keys = page.stream().map(MatchedRow::key).filter(k -> !held.contains(k)).toList();
        long changed = keys.isEmpty() ? 0 : action == RowAction.DELETE
                ? delete(query.table(), keys)
                : anonymize(mapping, keys, context);
        return new ExpiredPage(page.size(), page.size() - keys.size(), changed, page.get(page.size() - 1).key());
    }
}
