package org.compliancekit.pii;

import java.util.Objects;
import org.compliancekit.ConfigurationException;

/** Checks shared by the model's records; messages name the field so a broken map is quick to fix. */
final class Names {
    private Names() {
    }

    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new ConfigurationException(what + " must not be blank");
        }
        return value;
    }
}
