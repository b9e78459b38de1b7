/**
 * Encryption for backups: {@link org.compliancekit.crypto.KeyRing} holds the configured master keys by id, and
 * {@link org.compliancekit.crypto.SegmentedAesGcm} encrypts and decrypts whole files as streams of authenticated
 * AES-256-GCM segments. The byte format is specified in {@code docs/backup-format.md}.
 */
package org.compliancekit.crypto;
