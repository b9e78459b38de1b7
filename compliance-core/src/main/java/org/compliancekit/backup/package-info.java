/**
 * The backup engine. {@link org.compliancekit.backup.Backups} is the entry point: backup, cleanup, verify,
 * restore and listing, each returning a result value. Snapshot encoding, manifest, layout and the operations
 * themselves are package-private; {@code docs/backup-format.md} specifies what they write.
 */
package org.compliancekit.backup;
