package org.compliancekit.pii;

import java.util.List;
import java.util.Objects;

/**
 * An entry of the processor register (GDPR art. 28/30): someone outside the application who receives personal data.
 *
 * @param name e.g. "Stripe"
 * @param purpose why data is shared, e.g. "card payments"
 * @param dataShared categories of data shared, e.g. ["email", "billing address"]
 * @param dpaStatus state of the data processing agreement
 * @param location where the data is processed and on what transfer basis, e.g. "USA (EU SCCs)"
 */
public record Processor(String name, String purpose, List<String> dataShared, DpaStatus dpaStatus, String location) {
    public Processor {
        Names.require(name, "processor name");
        Names.require(purpose, "purpose of processor " + name);
        dataShared = List.copyOf(dataShared);
        Objects.requireNonNull(dpaStatus, () -> "DPA status of processor " + name);
        Names.require(location, "location of processor " + name);
    }
}
