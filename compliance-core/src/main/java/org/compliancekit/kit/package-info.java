/**
 * The entry point: {@link org.compliancekit.kit.ComplianceKit} builds every engine from one
 * {@link org.compliancekit.policy.CompliancePolicy} and the parts the host application supplies.
 */
package org.compliancekit.kit;
