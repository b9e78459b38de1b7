package org.compliancekit.store;

/**
 * What one retention batch came to ({@link StoreTransaction#expire}): the rows its keyset page found, how many of
 * them a legal hold exempted, how many the rule's action changed, and the key the next page starts after.
 *
 * @param found rows the page's query matched; 0 when none is left, and then {@code last} is {@code null}
 * @param held rows of the page a legal hold exempted
 * @param changed rows anonymized or deleted
 * @param last the page's last key in key order
 */
public record ExpiredPage(int found, int held, long changed, RowKey last) {
    /** The page after the last one: nothing found. */
    public static final ExpiredPage NONE = new ExpiredPage(0, 0, 0, null);

    public ExpiredPage {
        if (found < 0 || held < 0 || changed < 0 || held > found) {
            throw new IllegalArgumentException("an expired page counts rows found, held and changed, none negative "
                    + "and no more held than found; was " + found + " found, " + held + " held, " + changed + " changed");
        }
        if ((found == 0) != (last == null)) {
            throw new IllegalArgumentException("an expired page has a last key exactly when it found rows");
        }
    }

    /** Whether the page found nothing: the rule's walk is over. */
    public boolean isEmpty() {
        return found == 0;
    }
}
