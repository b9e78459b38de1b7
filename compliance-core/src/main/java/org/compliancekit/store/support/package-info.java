/**
 * A kit for those who implement the store SPIs, not for applications: value comparison across Java types
 * ({@link org.compliancekit.store.support.Values}), the object-key rules every blob store enforces
 * ({@link org.compliancekit.store.support.Keys}) and in-memory evaluation of conditions and expiry queries
 * ({@link org.compliancekit.store.support.RowMatcher}).
 */
package org.compliancekit.store.support;
