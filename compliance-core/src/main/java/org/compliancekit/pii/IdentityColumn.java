package org.compliancekit.pii;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A column of a table linked to its subject by id that also holds another identity of that subject, such as the
 * email address or phone number on the customer table. Requests naming that identity are resolved to subject ids
 * through such columns, and a request by id learns the subject's other identities from them.
 *
 * @param identity the identity's name: {@code email}, or any other lower-case name such as {@code phone} or
 *     {@code customer_number}; {@code email} is matched by the email rule, every other identity exactly
 * @param column the column holding it
 */
public record IdentityColumn(String identity, String column) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public IdentityColumn {
        Names.require(column, "identity column");
        if (identity == null || !NAME.matcher(identity).matches()) {
            throw new IllegalArgumentException("identity name '" + identity + "' of column " + column
                    + ": use lower-case letters, digits, '_' or '-', e.g. email, phone, customer_number");
        }
        if (identity.equals(SubjectRef.ID)) {
            throw new IllegalArgumentException("identity name 'id' of column " + column + " is reserved for the "
                    + "subject link column; name the other identity, e.g. customer_number");
        }
        identity = identity.toLowerCase(Locale.ROOT);
    }
}
