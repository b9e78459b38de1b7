/**
 * Backup engine benchmarks: AES-GCM segment throughput and JSON encoding (JMH), and the end-to-end
 * {@link org.compliancekit.benchmarks.backup.BackupEndToEnd} main. Figures and commands are in BENCHMARKS.md.
 */
package org.compliancekit.benchmarks.backup;
