package org.compliancekit.spring;

import java.util.Optional;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.store.DataStore;

/**
 * A startup validation that knows more about the policy's origin than the core does (the JPA part names
 * {@code Entity.attribute} beside {@code table.column}); empty when it does not describe {@code policy}, and the
 * kit's own validation then speaks.
 */
@FunctionalInterface
interface PolicyValidation {
    Optional<ValidationReport> validate(CompliancePolicy policy, DataStore store);
}
